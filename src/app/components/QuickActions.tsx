/** Acting on the world: scale the ReplicaSet, delete a Pod, inject a fault. Every action goes through
 * world.act, so it is recorded for replay; an invalid one shows its error here and changes nothing. */
import { useRef, useState, type ReactElement } from 'react';
import type { FaultSpec, WorldAction } from '../../engine/world/world-types.ts';
import { useLab, useLabLive, useLabStore } from '../lab/LabProvider.tsx';
import { ScaleForm } from './ScaleForm.tsx';

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

/** The hook a quick action adds: its presence alone holds a deleting Machine before drain. */
export const LAB_PRE_DRAIN_HOOK = 'pre-drain.delete.hook.machine.cluster.x-k8s.io/lab';

/** v1.34.0 → v1.35.0: the next minor, which a MachineDeployment rolls out (patch releases would too). */
export function nextMinorVersion(version: string): string | undefined {
  const m = /^v(\d+)\.(\d+)\.(\d+)$/.exec(version);
  if (!m) return undefined;
  return `v${m[1]}.${Number(m[2]) + 1}.0`;
}

type Run = (action: WorldAction, done: string) => void;

/**
 * A Machine or Pod picker's options, rebuilt only when the list of names changes: with 2,000 Machines, fresh
 * option elements on every frame that wrote a Machine cost React a full diff of the select each time.
 */
function useNameOptions(): (views: readonly { name: string }[]) => ReactElement[] {
  const cache = useRef<{ names: readonly string[]; options: ReactElement[] } | undefined>(undefined);
  return (views) => {
    const kept = cache.current;
    // Compared name by name: joining 2,000 names into one string every frame was garbage of its own.
    if (kept && kept.names.length === views.length && views.every((v, i) => v.name === kept.names[i]))
      return kept.options;
    const options = views.map((v) => (
      <option key={v.name} value={v.name}>
        {v.name}
      </option>
    ));
    cache.current = { names: views.map((v) => v.name), options };
    return options;
  };
}

/** Cluster API quick actions: scale or roll a MachineDeployment, delete a Machine, hold its drain with a hook. */
function CapiActions({ run }: { run: Run }) {
  const capi = useLab((s) => s.snap.capi);
  const selected = useLab((s) => s.snap.selected);
  const [mdName, setMdName] = useState('');
  const [machineName, setMachineName] = useState('');
  const nameOptions = useNameOptions();
  if (!capi || (capi.machineDeployments.length === 0 && capi.machines.length === 0)) return null;
  const mds = capi.machineDeployments;
  const md = mds.find((m) => m.name === mdName) ?? mds[0];
  const live = capi.machines.filter((m) => m.phase !== 'Deleting');
  const preferred = selected?.kind === 'Machine' ? selected.name : machineName;
  const machine =
    capi.machines.find((m) => m.name === preferred) ?? live.find((m) => m.name === machineName) ?? live[0];
  const next = md ? nextMinorVersion(md.version) : undefined;
  const ns = md?.ref.namespace ?? 'default';
  const hooked = machine ? machine.preDrainHooks.includes(LAB_PRE_DRAIN_HOOK) : false;
  const machineOptions = nameOptions(machine && !live.includes(machine) ? [machine, ...live] : live);

  return (
    <div className="capi-actions" data-testid="capi-actions">
      {md && (
        <ScaleForm
          inputLabel="MachineDeployment replicas"
          submitLabel="Scale MachineDeployment"
          onScale={(n) =>
            run(
              {
                action: 'scale',
                target: { kind: 'MachineDeployment', name: md.name, namespace: ns },
                replicas: n,
              },
              `Scaled MachineDeployment ${md.name} to ${n}.`,
            )
          }
          before={
            mds.length > 1 && (
              <label>
                <span>MachineDeployment</span>
                <select value={md.name} onChange={(e) => setMdName(e.target.value)}>
                  {mds.map((m) => (
                    <option key={m.id} value={m.name}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </label>
            )
          }
        >
          <button
            type="button"
            disabled={!next}
            onClick={() =>
              next &&
              run(
                {
                  action: 'patch',
                  target: { kind: 'MachineDeployment', name: md.name, namespace: ns },
                  patch: { spec: { template: { spec: { version: next } } } },
                },
                `MachineDeployment ${md.name} → ${next}: a rollout starts.`,
              )
            }
          >
            Bump version{next ? ` to ${next}` : ''}
          </button>
        </ScaleForm>
      )}
      {machine && (
        <form
          className="action-row"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              {
                action: 'delete',
                target: {
                  kind: 'Machine',
                  name: machine.name,
                  namespace: machine.ref.namespace ?? 'default',
                },
              },
              `Deleted Machine ${machine.name}.`,
            );
          }}
        >
          <label>
            <span>Machine</span>
            <select
              value={machine.name}
              onChange={(e) => setMachineName(e.target.value)}
              aria-label="Machine"
            >
              {machineOptions}
            </select>
          </label>
          <button type="submit" disabled={machine.phase === 'Deleting'}>
            Delete Machine
          </button>
          <button
            type="button"
            onClick={() =>
              run(
                {
                  action: 'patch',
                  target: {
                    kind: 'Machine',
                    name: machine.name,
                    namespace: machine.ref.namespace ?? 'default',
                  },
                  // A JSON merge patch: null removes the annotation (RFC 7386).
                  patch: { metadata: { annotations: { [LAB_PRE_DRAIN_HOOK]: hooked ? null : 'lab' } } },
                },
                hooked
                  ? `Removed the pre-drain hook from ${machine.name}: its deletion can go on.`
                  : `Added pre-drain hook ${LAB_PRE_DRAIN_HOOK} to ${machine.name}.`,
              )
            }
          >
            {hooked ? 'Remove pre-drain hook' : 'Add pre-drain hook'}
          </button>
        </form>
      )}
    </div>
  );
}

export function QuickActions() {
  const store = useLabStore();
  const replicaSets = useLab((s) => s.snap.replicaSets);
  const pods = useLab((s) => s.snap.pods);
  const controllers = useLab((s) => s.snap.controllers);
  const rs = replicaSets[0];
  const [pod, setPod] = useState('');
  const [fault, setFault] = useState<QuickFault>('controllerCrash');
  const [controller, setController] = useState('replicaset-controller');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | undefined>(undefined);
  const podOptions = useNameOptions();
  const live = useLabLive();

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
      {/* Acting needs the world: on the build's first frame (first-frame.ts) the controls wait for the engine. */}
      <fieldset className="actions-body" disabled={!live}>
        <CapiActions run={run} />
        {(rs || livePods.length > 0) && (
          <>
            <ScaleForm
              inputLabel="Replicas"
              submitLabel="Scale ReplicaSet"
              onScale={(n) =>
                run(
                  {
                    action: 'scale',
                    target: { kind: 'ReplicaSet', name: rs?.name ?? 'web', namespace: 'default' },
                    replicas: n,
                  },
                  `Scaled ${rs?.name ?? 'web'} to ${n}.`,
                )
              }
            />
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
                  {podOptions(livePods)}
                </select>
              </label>
              <button type="submit" disabled={!podName}>
                Delete Pod
              </button>
            </form>
          </>
        )}
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
      </fieldset>
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
