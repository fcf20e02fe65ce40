/**
 * Acting on the world with YAML: a panel whose editor applies documents the way `kubectl apply -f` does. Closed,
 * it is a button; the open editor (YamlEditorOpen.tsx, with the YAML parser and CodeMirror) loads on first use.
 */
import { lazy, Suspense, useState } from 'react';
import { useLab, useLabLive } from '../lab/LabProvider.tsx';
import type { ObjectRef } from '../lab/lab-store.ts';

const YamlEditorOpen = lazy(() => import('./YamlEditorOpen.tsx'));

/** Asks the editor to open with an object's manifest; n changes for each request. */
export interface EditRequest {
  ref: ObjectRef;
  n: number;
}

/** What the open editor loads: an object's manifest (or nothing), once per n (0: opened by its own button). */
export interface EditorLoad {
  ref: ObjectRef | undefined;
  n: number;
}

function ClosedEditor({ children }: { children: React.ReactNode }) {
  return (
    <section className="panel yaml-panel" aria-labelledby="yaml-title">
      <header className="panel-head">
        <h2 id="yaml-title">YAML editor</h2>
        <div className="row-buttons">{children}</div>
      </header>
      <p className="muted">
        Paste or edit manifests and apply them as <code>kubectl apply -f</code> would: created when missing,
        else patched with the three-way merge against the last-applied configuration.
      </p>
    </section>
  );
}

export function YamlEditor({ request }: { request?: EditRequest | undefined }) {
  const selected = useLab((s) => s.snap.selected);
  // The open editor reads the world: opened on the first frame, it waits for the engine like for its own chunk.
  const live = useLabLive();
  const [load, setLoad] = useState<EditorLoad | undefined>(undefined);
  const [served, setServed] = useState(0);
  // An Edit YAML request from the inspector (handled once per request); its n keys the open editor's load.
  if (request && request.n !== served) {
    setServed(request.n);
    setLoad({ ref: request.ref, n: request.n });
  }
  if (!load)
    return (
      <ClosedEditor>
        <button type="button" onClick={() => setLoad({ ref: selected, n: 0 })}>
          {selected ? `Edit ${selected.kind} ${selected.name}` : 'Open editor'}
        </button>
      </ClosedEditor>
    );
  const loading = (
    <ClosedEditor>
      <span className="muted">Loading the editor…</span>
    </ClosedEditor>
  );
  if (!live) return loading;
  return (
    <Suspense fallback={loading}>
      <YamlEditorOpen load={load} onClose={() => setLoad(undefined)} />
    </Suspense>
  );
}
