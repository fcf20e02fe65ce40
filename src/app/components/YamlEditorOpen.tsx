/**
 * The YAML editor once opened (YamlEditor.tsx loads this module then, with the YAML parser): the text is
 * checked in full first, the way `kubectl apply -f` would send it; any problem is shown inline at its line
 * with its field path, and then nothing is sent.
 */
import { lazy, Suspense, useCallback, useRef, useState } from 'react';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';
import type { ObjectRef } from '../lab/lab-store.ts';
import type { EditorLoad } from './YamlEditor.tsx';
import { locateApplyError, manifestOf, objectYaml, parseEdit, type EditIssue } from '../lab/yaml-edit.ts';

const YamlEditorView = lazy(() => import('./YamlEditorView.tsx'));

const NO_ISSUES: readonly EditIssue[] = [];

export default function YamlEditorOpen({ load: asked, onClose }: { load: EditorLoad; onClose: () => void }) {
  const store = useLabStore();
  const selected = useLab((s) => s.snap.selected);
  const [text, setText] = useState('');
  const [issues, setIssues] = useState<readonly EditIssue[]>(NO_ISSUES);
  const [message, setMessage] = useState<string | undefined>(undefined);
  const read = useRef<() => string>(() => text);
  const [served, setServed] = useState<number | undefined>(undefined);

  const manifestText = useCallback(
    (ref: ObjectRef | undefined) => {
      if (!ref) return '';
      const versions = store.getState().history().versions(ref);
      const last = versions[versions.length - 1];
      return last && last.type !== 'DELETED' ? objectYaml(manifestOf(last.obj)) : '';
    },
    [store],
  );

  const load = (ref: ObjectRef | undefined) => {
    setText(manifestText(ref));
    setIssues(NO_ISSUES);
    setMessage(undefined);
  };
  // Opened, or asked again by the inspector's Edit YAML (handled once per ask).
  if (asked.n !== served) {
    setServed(asked.n);
    load(asked.ref);
  }

  const apply = () => {
    const current = read.current();
    const s = store.getState();
    const parsed = parseEdit(current, s.world().api);
    if (!parsed.ok) {
      setIssues(parsed.issues);
      setMessage(undefined);
      return;
    }
    const r = s.act({ action: 'apply', objects: parsed.objects });
    if (!r.ok) {
      setIssues([locateApplyError(current, r.error)]);
      setMessage(undefined);
      return;
    }
    setIssues(NO_ISSUES);
    setText(current);
    setMessage(
      `Applied ${parsed.objects.map((o) => `${o.kind} ${o.metadata.name ?? o.metadata.generateName ?? ''}`).join(', ')}.`,
    );
  };

  return (
    <section className="panel yaml-panel" aria-labelledby="yaml-title">
      <header className="panel-head">
        <h2 id="yaml-title">YAML editor</h2>
        <div className="row-buttons">
          <button type="button" onClick={() => load(selected)} disabled={!selected}>
            Load selected
          </button>
          <button type="button" className="primary" onClick={apply}>
            Apply
          </button>
          <button type="button" onClick={onClose}>
            Close
          </button>
        </div>
      </header>
      <Suspense fallback={<p className="muted">Loading the editor…</p>}>
        <YamlEditorView
          text={text}
          issues={issues}
          label="Manifests to apply (YAML)"
          bindReader={(r) => {
            read.current = r;
          }}
        />
      </Suspense>
      {issues.length > 0 && (
        <ul className="yaml-issues" role="alert" data-testid="yaml-issues">
          {issues.map((i, n) => (
            <li key={n}>
              <span className="issue-pos">
                line {i.line}, column {i.column}:
              </span>{' '}
              {i.message}. Nothing was applied.
            </li>
          ))}
        </ul>
      )}
      {message && (
        <p className="action-message ok" role="status" data-testid="yaml-message">
          ✓ {message}
        </p>
      )}
    </section>
  );
}
