/** The control-loop diagram with its controller selector. React owns the <svg>; src/viz owns its inside. */
import { useMemo, useState } from 'react';
import { loopModel } from '../../viz/loop-model.ts';
import { useLab } from '../lab/LabProvider.tsx';
import { useReducedMotion } from '../lab/use-reduced-motion.ts';
import { ControllerSelect, TOKEN_WALL_MS, useLoopDiagram } from './loop-view.tsx';

/** Controllers every world runs; others appear once they have reconciled something. */
const CORE_CONTROLLERS = ['replicaset-controller', 'kubelet'];
/** The loop shown first: the controller of the scenario's most telling kind, by the kinds the world holds. */
const FIRST_CONTROLLER: readonly (readonly [kind: string, controller: string])[] = [
  ['Cluster', 'machine-controller'],
  ['HorizontalPodAutoscaler', 'horizontal-pod-autoscaler'],
  ['Deployment', 'deployment-controller'],
];

function firstController(objects: Readonly<Record<string, { total: number }>>): string {
  for (const [kind, controller] of FIRST_CONTROLLER) if ((objects[kind]?.total ?? 0) > 0) return controller;
  return 'replicaset-controller';
}

export function LoopPanel() {
  const reduced = useReducedMotion();
  const objects = useLab((s) => s.snap.objects);
  const [controller, setController] = useState(() => firstController(objects));
  const t = useLab((s) => s.snap.t);
  const speed = useLab((s) => s.snap.speed);
  const controllers = useLab((s) => s.snap.controllers);
  const informers = useLab((s) => s.snap.informers);
  const recent = useLab((s) => s.snap.recent);

  const names = useMemo(
    () =>
      controllers
        .filter((c) => CORE_CONTROLLERS.includes(c.name) || c.name === controller || c.stats.reconciles > 0)
        .map((c) => c.name),
    [controllers, controller],
  );

  const model = useMemo(
    () =>
      loopModel(
        { t, controllers, informers, recent, objects },
        { controller, windowMs: TOKEN_WALL_MS * speed, reducedMotion: reduced },
      ),
    [t, controllers, informers, recent, objects, controller, speed, reduced],
  );
  const svgRef = useLoopDiagram(model);

  const c = model.controller;
  const busy = c ? c.workers.filter((w) => w.key !== undefined).length : 0;
  return (
    <section
      className="panel loop-panel"
      aria-labelledby="loop-title"
      data-panel="loop queue workers informer"
    >
      <header className="panel-head">
        <h2 id="loop-title">The control loop</h2>
        <ControllerSelect value={controller} names={names} onChange={setController} />
      </header>
      <div className="loop-scroll">
        <svg
          ref={svgRef}
          id="loop-diagram"
          className="loop-svg"
          role="img"
          aria-label={`Control loop of ${controller}: ${c?.queue?.counts.queued ?? 0} queued, ${c?.queue?.counts.waiting ?? 0} waiting, ${busy} of ${c?.workers.length ?? 0} workers busy.`}
          preserveAspectRatio="xMidYMid meet"
        />
      </div>
      <p className="legend" aria-hidden="true">
        <span className="token-key token-watch">●</span> watch event{' '}
        <span className="token-key token-notify">●</span> informer notify{' '}
        <span className="token-key token-enqueue">●</span> add key{' '}
        <span className="token-key token-dedup">•</span> deduped{' '}
        <span className="token-key token-get">●</span> Get <span className="token-key token-write">●</span>{' '}
        write <span className="token-key token-conflict">⬤</span> 409 / error
      </p>
    </section>
  );
}
