/** The Machine phase statechart with every Machine as a mark, the focused Machine's v1beta2 conditions, and
 * its deletion rail while it is deleting. The focused Machine is the selection when it is a Machine, else the
 * first deleting one. */
import { useEffect, useMemo, useRef } from 'react';
import { machineNode, nodeIndex, viewId, type MachineView } from '../lab/capi-views.ts';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';
import { useReducedMotion } from '../lab/use-reduced-motion.ts';
import { createLifecycleDiagram, type LifecycleDiagram } from '../../viz/lifecycle-diagram.ts';
import { deletionRail, lifecycleModel } from '../../viz/lifecycle-model.ts';

const RAIL_ICON = { done: '✓', current: '▶', pending: '○', skipped: '–' } as const;
const STATUS_ICON: Readonly<Record<string, string>> = { True: '✓', False: '✕', Unknown: '?' };

export function MachineLifecycle() {
  const store = useLabStore();
  const capi = useLab((s) => s.snap.capi);
  const selected = useLab((s) => s.snap.selected);
  const reduced = useReducedMotion();
  const svgRef = useRef<SVGSVGElement>(null);
  const chart = useRef<LifecycleDiagram | null>(null);
  const machines = capi?.machines;

  const focus: MachineView | undefined = useMemo(() => {
    if (!machines) return undefined;
    if (selected?.kind === 'Machine') {
      const key = `${selected.namespace ?? ''}/${selected.name}`;
      const m = machines.find((x) => x.key === key);
      if (m) return m;
    }
    return machines.find((m) => m.phase === 'Deleting');
  }, [machines, selected]);

  useEffect(() => {
    if (!svgRef.current) return;
    chart.current = createLifecycleDiagram(svgRef.current, {
      onSelect: (key) => {
        const [namespace = '', name = ''] = key.split('/');
        store.getState().select(namespace ? { kind: 'Machine', namespace, name } : { kind: 'Machine', name });
      },
    });
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, [store]);

  const model = useMemo(() => lifecycleModel(machines ?? [], { selectedKey: focus?.key }), [machines, focus]);
  useEffect(() => chart.current?.update(model, { reducedMotion: reduced }), [model, reduced]);

  const rail = useMemo(() => {
    if (!focus || focus.phase !== 'Deleting' || !capi) return undefined;
    const ids = new Set([...capi.infrastructure, ...capi.bootstrapConfigs].map((o) => o.id));
    return deletionRail(focus, {
      infraExists: focus.infraRef ? ids.has(viewId(focus.infraRef)) : false,
      bootstrapExists: focus.bootstrapRef ? ids.has(viewId(focus.bootstrapRef)) : false,
      nodeExists: machineNode(focus, nodeIndex(capi)) !== undefined,
    });
  }, [focus, capi]);

  const counts = model.boxes
    .filter((b) => b.count > 0)
    .map((b) => `${b.count} ${b.phase}`)
    .join(', ');

  return (
    <section className="panel lifecycle-panel" aria-labelledby="lifecycle-title" data-panel="lifecycle">
      <header className="panel-head">
        <h2 id="lifecycle-title">Machine lifecycle</h2>
        <span className="muted lifecycle-key" aria-hidden="true">
          ■ control plane ● worker
        </span>
      </header>
      <p className="lifecycle-counts" data-testid="lifecycle-counts">
        {machines ? `Machines: ${counts || 'none'}` : 'No Machines in this scenario.'}
      </p>
      <div className="lifecycle-scroll">
        <svg
          ref={svgRef}
          id="machine-lifecycle"
          className="lifecycle-svg"
          role="group"
          aria-label={`Machine phases: ${counts || 'no Machines'}`}
          preserveAspectRatio="xMidYMid meet"
        />
      </div>
      {focus && (
        <div className="machine-focus" data-testid="machine-focus">
          <h3>
            Machine {focus.name} <span className={`phase-word tone-${focus.phase}`}>{focus.phase}</span>
          </h3>
          {rail && (
            <ol className="deletion-rail" aria-label="Deletion steps">
              {rail.map((s) => (
                <li key={s.id} className={`rail-${s.state}`} data-state={s.state}>
                  <span aria-hidden="true">{RAIL_ICON[s.state]}</span> {s.label}{' '}
                  <span className="rail-state">({s.state})</span>
                  {s.detail && <span className="rail-detail"> {s.detail}</span>}
                </li>
              ))}
            </ol>
          )}
          <table className="conditions">
            <caption>v1beta2 conditions</caption>
            <thead>
              <tr>
                <th scope="col">type</th>
                <th scope="col">status</th>
                <th scope="col">reason</th>
                <th scope="col">message</th>
              </tr>
            </thead>
            <tbody>
              {focus.conditions.map((c) => (
                <tr key={c.type} className={`cond-${c.status}`}>
                  <th scope="row">{c.type}</th>
                  <td>
                    <span aria-hidden="true">{STATUS_ICON[c.status] ?? ''}</span> {c.status}
                  </td>
                  <td>{c.reason}</td>
                  <td>{c.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
