/** Acting on the world: scale the ReplicaSet, delete a Pod, inject a fault. Every action goes through
 * world.act, so it is recorded for replay; an invalid one shows its error here and changes nothing. */
import { useState } from 'react';
import type { FaultSpec, WorldAction } from '../../engine/world/world-types.ts';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';

export const FAULTS = [
  { id: 'watchExpire', label: 'Watch expires (410 Gone)', needsController: false },
  { id: 'watchDrop', label: 'Watch drops events', needsController: false },
  { id: 'controllerCrash', label: 'Controller crashes', needsController: true },
  { id: 'staleView', label: 'Stale cache (5 s)', needsController: true },
  { id: 'apiLatency', label: 'Slow API server (+400 ms)', needsController: false },
  { id: 'reconcileError', label: 'Reconcile errors (×3)', needsController: true },
] as const;

export type QuickFault = (typeof FAULTS)[number]['id'];

/** The fault a menu entry arms, with teaching-sized parameters. */
export function faultSpec(id: QuickFault, controller: string): FaultSpec {
  switch (id) {
    case 'watchExpire':
      return { type: 'watchExpire' };
    case 'watchDrop':
      return { type: 'watchDrop', resource: 'pods', rate: 0.5 };
    case 'controllerCrash':
      return { type: 'controllerCrash', controller };
    case 'staleView':
      return { type: 'staleView', controller, forMs: 5000 };
    case 'apiLatency':
      return { type: 'apiLatency', ms: 400, jitterMs: 100 };
    case 'reconcileError':
      return { type: 'reconcileError', controller, count: 3 };
  }
}

export function QuickActions() {
  const store = useLabStore();
  const replicaSets = useLab((s) => s.snap.replicaSets);
  const pods = useLab((s) => s.snap.pods);
  const controllers = useLab((s) => s.snap.controllers);
  const rs = replicaSets[0];
  const [replicas, setReplicas] = useState('5');
  const [pod, setPod] = useState('');
  const [fault, setFault] = useState<QuickFault>('controllerCrash');
  const [controller, setController] = useState('replicaset-controller');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);

  const run = (action: WorldAction, done: string) => {
    const r = store.getState().act(action);
    setMessage(r.ok ? { ok: true, text: done } : { ok: false, text: r.error });
  };
  const livePods = pods.filter((p) => p.phase !== 'Terminating');
  const podName = livePods.some((p) => p.name === pod) ? pod : (livePods[0]?.name ?? '');
  const needsController = FAULTS.find((f) => f.id === fault)?.needsController ?? false;

  return (
    <section className="panel actions-panel" aria-labelledby="actions-title">
      <header className="panel-head">
        <h2 id="actions-title">Act on the world</h2>
      </header>
      <form
        className="action-row"
        onSubmit={(e) => {
          e.preventDefault();
          const n = Number(replicas);
          run(
            {
              action: 'scale',
              target: { kind: 'ReplicaSet', name: rs?.name ?? 'web', namespace: 'default' },
              replicas: replicas.trim() === '' ? Number.NaN : n,
            },
            `Scaled ${rs?.name ?? 'web'} to ${n}.`,
          );
        }}
      >
        <label>
          <span>Replicas</span>
          <input
            type="number"
            inputMode="numeric"
            value={replicas}
            onChange={(e) => setReplicas(e.target.value)}
            aria-label="Replicas"
            className="narrow"
          />
        </label>
        <button type="submit">Scale ReplicaSet</button>
      </form>
      <form
        className="action-row"
        onSubmit={(e) => {
          e.preventDefault();
          run(
            { action: 'delete', target: { kind: 'Pod', name: podName, namespace: 'default' } },
            `Deleted Pod ${podName}.`,
          );
        }}
      >
        <label>
          <span>Pod</span>
          <select value={podName} onChange={(e) => setPod(e.target.value)} aria-label="Pod to delete">
            {livePods.map((p) => (
              <option key={p.key} value={p.name}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={!podName}>
          Delete Pod
        </button>
      </form>
      <form
        className="action-row"
        onSubmit={(e) => {
          e.preventDefault();
          run({ action: 'fault', fault: faultSpec(fault, controller) }, `Injected ${fault}.`);
        }}
      >
        <label>
          <span>Fault</span>
          <select value={fault} onChange={(e) => setFault(e.target.value as QuickFault)} aria-label="Fault">
            {FAULTS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        {needsController && (
          <label>
            <span>on</span>
            <select
              value={controller}
              onChange={(e) => setController(e.target.value)}
              aria-label="Controller"
            >
              {controllers
                .filter((c) => c.name === 'replicaset-controller' || c.name === 'kubelet')
                .map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                  </option>
                ))}
            </select>
          </label>
        )}
        <button type="submit">Inject fault</button>
        <button type="button" onClick={() => run({ action: 'clearFaults' }, 'Cleared faults.')}>
          Clear faults
        </button>
      </form>
      <p
        className={`action-message ${message ? (message.ok ? 'ok' : 'bad') : ''}`}
        role={message && !message.ok ? 'alert' : 'status'}
        data-testid="action-message"
      >
        {message ? `${message.ok ? '✓' : '✕'} ${message.text}` : ' '}
      </p>
    </section>
  );
}
