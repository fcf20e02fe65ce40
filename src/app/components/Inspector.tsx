/**
 * The inspector: the selected object's YAML at the current moment, the diff of any version against the one
 * before it, and its history of resourceVersions with when and by whom each was written.
 */
import { useMemo, useRef, useState } from 'react';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';
import { diffStats, lineDiff } from '../lab/diff.ts';
import { refKey, refOfHistoryKey, type ObjectVersion } from '../lab/history.ts';
import type { ObjectRef } from '../lab/lab-store.ts';
import { formatVirtualTime } from '../lab/time-format.ts';
import { objectYaml } from '../lab/yaml-edit.ts';

/** A select with more options than this gets slow; the log and the diagrams still select any object. */
const MAX_PICKER = 1500;

/** One collator for every sort: String.localeCompare builds one per call, which a 1,500-entry sort notices. */
const COLLATOR = new Intl.Collator();

const label = (r: ObjectRef) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

export function Inspector({ onEdit }: { onEdit?: (ref: ObjectRef) => void }) {
  const store = useLabStore();
  const selected = useLab((s) => s.snap.selected);
  // Versions are written as time moves; these make the panel read the history again.
  const size = useLab((s) => s.snap.traceSize);
  const generation = useLab((s) => s.snap.generation);
  const playing = useLab((s) => s.snap.playing);
  const history = store.getState().history();
  const objectCount = history.objectCount();
  const [view, setView] = useState<'yaml' | 'diff'>('yaml');
  const [chosen, setChosen] = useState<{ key: string; rv: string } | undefined>(undefined);

  // The picker lists the first MAX_PICKER objects the history met: past that, more objects change nothing.
  // While the lab plays it keeps the objects it had until the learner reaches for it: a rollout adds objects
  // nearly every frame, and re-sorting and re-rendering up to 1,500 options each time cost whole frames.
  const liveListed = Math.min(objectCount, MAX_PICKER);
  const shown = useRef(liveListed);
  const [, setReached] = useState(0);
  if (!playing || shown.current > liveListed) shown.current = liveListed;
  const listed = shown.current;
  const refresh = () => {
    if (shown.current === liveListed) return;
    shown.current = liveListed;
    setReached((n) => n + 1);
  };
  const refs = useMemo(() => {
    const out: { ref: ObjectRef; label: string; key: string }[] = [];
    for (const k of history.keys()) {
      if (out.length >= listed) break;
      const ref = refOfHistoryKey(k);
      out.push({ ref, label: label(ref), key: refKey(ref) });
    }
    return out.sort((a, b) => COLLATOR.compare(a.label, b.label));
  }, [history, listed]);
  // Built once per list: the panel re-renders every frame, and equal elements let React skip the options.
  const options = useMemo(
    () =>
      refs.map((r) => (
        <option key={r.key} value={r.key}>
          {r.label}
        </option>
      )),
    [refs],
  );

  const versions: readonly ObjectVersion[] = useMemo(
    () => (selected ? history.versions(selected).slice() : []),
    // size and generation: the history grows in place, and is replaced on seek back.
    [history, selected, size, generation],
  );
  const key = selected ? refKey(selected) : '';
  const picked = chosen && chosen.key === key ? versions.findIndex((v) => v.rv === chosen.rv) : -1;
  const index = picked >= 0 ? picked : versions.length - 1;
  const current = versions[index];
  const previous = index > 0 ? versions[index - 1] : undefined;

  const yamlText = useMemo(() => (current ? objectYaml(current.obj) : ''), [current]);
  const diff = useMemo(
    () => (current && view === 'diff' ? lineDiff(previous ? objectYaml(previous.obj) : '', yamlText) : []),
    [current, previous, yamlText, view],
  );
  const stats = diffStats(diff);

  return (
    <section className="panel inspector-panel" aria-labelledby="inspector-title">
      <header className="panel-head">
        <h2 id="inspector-title">Inspector</h2>
        <label className="inline">
          <span>Object</span>
          <select
            value={key}
            onFocus={refresh}
            onPointerDown={refresh}
            onChange={(e) => {
              setChosen(undefined);
              store.getState().select(e.target.value ? refOfHistoryKey(e.target.value) : undefined);
            }}
          >
            <option value="">(none)</option>
            {selected && !refs.some((r) => r.key === key) && <option value={key}>{label(selected)}</option>}
            {options}
          </select>
        </label>
        {onEdit && selected && (
          <button type="button" onClick={() => onEdit(selected)}>
            Edit YAML
          </button>
        )}
      </header>
      {!selected && (
        <p className="muted">
          Select an object here, or choose a row of the event log to select what it concerns.
        </p>
      )}
      {selected && versions.length === 0 && (
        <p className="muted">{label(selected)} does not exist at this moment.</p>
      )}
      {selected && current && (
        <div className="inspector-body">
          <nav className="rv-history" aria-label={`resourceVersions of ${label(selected)}`}>
            <h3>History ({versions.length})</h3>
            <ol data-testid="rv-history">
              {versions
                .map((v, i) => (
                  <li key={v.rv}>
                    <button
                      type="button"
                      aria-current={i === index ? 'true' : undefined}
                      className={`rv-row rv-${v.type.toLowerCase()}`}
                      onClick={() => setChosen({ key, rv: v.rv })}
                    >
                      <span className="rv-num">rv {v.rv}</span>
                      <span className="rv-t">{formatVirtualTime(v.t)}</span>
                      <span className="rv-who">
                        {v.actor} {v.type === 'DELETED' ? 'deleted' : v.type === 'ADDED' ? 'created' : v.verb}
                      </span>
                    </button>
                  </li>
                ))
                .reverse()}
            </ol>
          </nav>
          <div className="inspector-view">
            <div className="seg" role="group" aria-label="Show">
              <button type="button" aria-pressed={view === 'yaml'} onClick={() => setView('yaml')}>
                YAML
              </button>
              <button type="button" aria-pressed={view === 'diff'} onClick={() => setView('diff')}>
                Diff with previous
              </button>
            </div>
            <p className="inspector-caption" data-testid="inspector-caption">
              {label(selected)} at rv {current.rv}, {formatVirtualTime(current.t)}
              {index === versions.length - 1 ? ' (latest)' : ` (${versions.length - 1 - index} newer)`}
              {current.type === 'DELETED' ? ': deleted' : ''}
            </p>
            {view === 'yaml' ? (
              <pre className="code-block" data-testid="inspector-yaml" tabIndex={0} aria-label="Object YAML">
                {yamlText}
              </pre>
            ) : (
              <>
                <p className="muted diff-stats">
                  {previous ? `against rv ${previous.rv}: ` : 'first version: '}
                  <span className="diff-add-key">+{stats.added}</span>{' '}
                  <span className="diff-del-key">−{stats.removed}</span> lines
                </p>
                <pre className="code-block diff" data-testid="inspector-diff" tabIndex={0} aria-label="Diff">
                  {diff.map((l, i) => (
                    <span key={i} className={`diff-line diff-${l.op}`}>
                      <span className="diff-mark" aria-label={l.op === 'same' ? undefined : l.op}>
                        {l.op === 'added' ? '+' : l.op === 'removed' ? '−' : ' '}
                      </span>
                      {l.text}
                      {'\n'}
                    </span>
                  ))}
                </pre>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
