/**
 * The control loop of a served engine, drawn from its trace: watch events, informer notifications, queue adds,
 * Gets and writes travel the same edges as in the simulator. The queue's contents and the worker lanes come
 * from controller snapshots that only the in-page simulator has, so the panel says so instead of guessing.
 */
import { useMemo, useState } from 'react';
import { loopModel } from '../../viz/loop-model.ts';
import { attachedLoopModel, objectCounts, traceControllers, type ByKind } from '../lab/live-views.ts';
import type { LiveSnapshot } from '../lab/live-store.ts';
import { useReducedMotion } from '../lab/use-reduced-motion.ts';
import { ControllerSelect, TOKEN_WALL_MS, useLoopDiagram } from './loop-view.tsx';

export const NEEDS_SIMULATOR = 'needs the simulator: not available in live mode';

export function LiveLoop({ snap, byKind }: { snap: LiveSnapshot; byKind: ByKind }) {
  if (snap.mode === 'live')
    return (
      <section className="panel loop-panel" aria-labelledby="loop-title">
        <header className="panel-head">
          <h2 id="loop-title">The control loop</h2>
        </header>
        <p className="live-unavailable" data-testid="loop-unavailable">
          Workqueue, worker lanes and reconcile steps: {NEEDS_SIMULATOR}. A real cluster does not expose its
          controllers&apos; queues; the watch flow below shows what the API server sends to this page.
        </p>
      </section>
    );
  return <AttachedLoop snap={snap} byKind={byKind} />;
}

function AttachedLoop({ snap, byKind }: { snap: LiveSnapshot; byKind: ByKind }) {
  const reduced = useReducedMotion();
  const recent = snap.trace?.recent ?? [];
  const names = useMemo(() => traceControllers(recent), [recent]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const controller = chosen ?? names.find((n) => n === 'replicaset-controller') ?? names[0] ?? '';
  const objects = useMemo(() => objectCounts(byKind), [byKind]);
  const speed = typeof snap.info?.speed === 'number' ? snap.info.speed : 50;

  const model = useMemo(
    () =>
      attachedLoopModel(
        loopModel(
          { t: snap.t, controllers: [], informers: [], recent, objects },
          { controller, windowMs: TOKEN_WALL_MS * speed, reducedMotion: reduced },
        ),
      ),
    [snap.t, recent, objects, controller, speed, reduced],
  );
  const svgRef = useLoopDiagram(model);

  return (
    <section className="panel loop-panel" aria-labelledby="loop-title">
      <header className="panel-head">
        <h2 id="loop-title">The control loop (served engine)</h2>
        <ControllerSelect value={controller} names={names} onChange={setChosen} />
      </header>
      <div className="loop-scroll">
        <svg
          ref={svgRef}
          className="loop-svg"
          role="img"
          aria-label={`Control loop of ${controller || 'no controller yet'}, from the served engine's trace: ${model.tokens.length} events in flight.`}
          preserveAspectRatio="xMidYMid meet"
        />
      </div>
      <p className="live-unavailable">
        Tokens come from the engine&apos;s trace stream ({snap.trace?.received ?? 0} events
        {snap.trace && snap.trace.dropped > 0
          ? `, ${snap.trace.dropped} dropped while this page was slow`
          : ''}
        ). Queue contents, informer caches and worker lanes need the in-page simulator&apos;s snapshots.
      </p>
    </section>
  );
}
