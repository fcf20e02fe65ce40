/** The ownerReference tree of the Cluster API objects, with owner ⇄ dependents navigation for the selection.
 * React owns the <svg> and the chrome; src/viz/object-graph.ts owns the rows. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { viewId, type RefView } from '../lab/capi-views.ts';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';
import { createObjectGraph, type ObjectGraph as Graph } from '../../viz/object-graph.ts';
import {
  createObjectGraphCache,
  DEFAULT_GROUP_MIN,
  objectGraphModel,
  type GraphRow,
} from '../../viz/object-graph-model.ts';

const EMPTY_VIEW = {
  clusters: [],
  controlPlanes: [],
  machineDeployments: [],
  machineSets: [],
  machines: [],
  infrastructure: [],
  bootstrapConfigs: [],
  nodes: [],
};

function RefButton({ r, onPick }: { r: RefView; onPick: (r: RefView) => void }) {
  return (
    <button type="button" className="linklike" onClick={() => onPick(r)}>
      {r.kind} {r.name}
    </button>
  );
}

export function ObjectGraph() {
  const store = useLabStore();
  const capi = useLab((s) => s.snap.capi);
  const selected = useLab((s) => s.snap.selected);
  const generation = useLab((s) => s.snap.generation);
  const [toggled, setToggled] = useState<ReadonlySet<string>>(() => new Set());
  const [grouping, setGrouping] = useState(true);
  const svgRef = useRef<SVGSVGElement>(null);
  const graph = useRef<Graph | null>(null);
  const selectedId = selected ? viewId(selected) : undefined;

  const pick = useCallback(
    (r: RefView) =>
      store.getState().select(r.namespace === undefined ? { kind: r.kind, name: r.name } : { ...r }),
    [store],
  );
  const flip = useCallback(
    (id: string) =>
      setToggled((t) => {
        const next = new Set(t);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );

  useEffect(() => {
    if (!svgRef.current) return;
    graph.current = createObjectGraph(svgRef.current, {
      onSelect: (row: GraphRow) => row.ref && pick(row.ref),
      onToggle: (row: GraphRow) => flip(row.id),
    });
    return () => {
      graph.current?.destroy();
      graph.current = null;
    };
  }, [pick, flip]);

  // Kept for the panel's life: each view updates it by what changed (a new world's view included).
  const [tree] = useState(createObjectGraphCache);
  const model = useMemo(
    () =>
      objectGraphModel(
        capi ?? EMPTY_VIEW,
        {
          toggled,
          selectedId,
          groupMin: grouping ? DEFAULT_GROUP_MIN : Number.POSITIVE_INFINITY,
        },
        tree,
      ),
    [capi, toggled, selectedId, grouping, tree],
  );
  // A new world (reset, seek back) keeps the folds: ids are object names, which replay reproduces.
  useEffect(() => graph.current?.update(model), [model, generation]);

  const owner = selectedId ? model.ownerOf(selectedId) : undefined;
  const dependents = selectedId ? model.dependentsOf(selectedId) : [];
  const running = capi?.machines.filter((m) => m.phase === 'Running').length ?? 0;

  return (
    <section className="panel graph-panel" aria-labelledby="graph-title" data-panel="graph">
      <header className="panel-head">
        <h2 id="graph-title">Object graph</h2>
        <label className="inline">
          <input type="checkbox" checked={grouping} onChange={(e) => setGrouping(e.target.checked)} />
          <span>Group identical Machines</span>
        </label>
      </header>
      {!capi ? (
        <p className="muted">
          No Cluster API objects in this scenario: pick a CAPI scenario to see the tree.
        </p>
      ) : (
        <p className="graph-summary" data-testid="graph-summary">
          {model.machineCount} Machines, {running} Running
        </p>
      )}
      <div className="graph-scroll">
        <svg
          ref={svgRef}
          id="object-graph"
          className="graph-svg"
          role="group"
          aria-label="ownerReference tree: Cluster, control plane, MachineDeployments, MachineSets, Machines and what they own"
        />
      </div>
      {selected && (
        <nav className="graph-nav" aria-label="Owner and dependents of the selection">
          <p>
            <strong>
              {selected.kind} {selected.name}
            </strong>{' '}
            owner: {owner ? <RefButton r={owner} onPick={pick} /> : <span className="muted">none</span>}
          </p>
          {dependents.length > 0 && (
            <p>
              dependents:{' '}
              {dependents.slice(0, 12).map((d) => (
                <RefButton key={viewId(d)} r={d} onPick={pick} />
              ))}
              {dependents.length > 12 && <span className="muted"> and {dependents.length - 12} more</span>}
            </p>
          )}
        </nav>
      )}
    </section>
  );
}
