/**
 * The control loop of a served engine, drawn from its trace: watch events, informer notifications, queue adds,
 * Gets and writes travel the same edges as in the simulator. The queue's contents and the worker lanes come
 * from controller snapshots that only the in-page simulator has, so the panel says so instead of guessing.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { createLoopDiagram, type LoopDiagram } from '../../viz/loop-diagram.ts';
import { loopModel } from '../../viz/loop-model.ts';
import { attachedLoopModel, objectCounts, traceControllers, type ByKind } from '../lab/live-views.ts';
import type { LiveSnapshot } from '../lab/live-store.ts';
import { useReducedMotion } from '../lab/use-reduced-motion.ts';

const TOKEN_WALL_MS = 700;
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
  const svgRef = useRef<SVGSVGElement>(null);
  const diagram = useRef<LoopDiagram | null>(null);
  const reduced = useReducedMotion();
  const recent = snap.trace?.recent ?? [];
  const names = useMemo(() => traceControllers(recent), [recent]);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const controller = chosen ?? names.find((n) => n === 'replicaset-controller') ?? names[0] ?? '';
  const objects = useMemo(() => objectCounts(byKind), [byKind]);
  const speed = typeof snap.info?.speed === 'number' ? snap.info.speed : 50;

  useEffect(() => {
    if (!svgRef.current) return;
    diagram.current = createLoopDiagram(svgRef.current);
    return () => {
      diagram.current?.destroy();
      diagram.current = null;
    };
  }, []);
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
  useEffect(() => diagram.current?.update(model), [model]);

  return (
    <section className="panel loop-panel" aria-labelledby="loop-title">
      <header className="panel-head">
        <h2 id="loop-title">The control loop (served engine)</h2>
        <label className="inline">
          <span>Controller</span>
          <select value={controller} onChange={(e) => setChosen(e.target.value)}>
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
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
