/**
 * The code pane: the selected controller's Reconcile as a short Go-flavoured listing, with the lines its busy
 * workers are executing highlighted (and marked with the worker and key, so colour is never the only cue).
 */
import { useMemo, useState } from 'react';
import { activeLines, defaultController, listingFor } from '../lab/code-listing.ts';
import { kindLookupOf } from '../lab/kinds.ts';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';

export function CodePane() {
  const store = useLabStore();
  const controllers = useLab((s) => s.snap.controllers);
  const selectedKind = useLab((s) => s.snap.selected?.kind);
  const generation = useLab((s) => s.snap.generation);
  const [picked, setPicked] = useState<string | undefined>(undefined);

  const world = store.getState().world();
  const kinds = useMemo(() => kindLookupOf(world), [world]);
  const names = useMemo(() => controllers.map((c) => c.name), [controllers]);
  const namesKey = names.join('\n');
  // Which controllers have a listing does not change within a world.
  const withListing = useMemo(
    () => new Set(namesKey.split('\n').filter((n) => listingFor(world, n))),
    [world, namesKey, generation],
  );
  const name =
    picked && names.includes(picked)
      ? picked
      : defaultController(
          names,
          selectedKind,
          (n) => kinds.ofController(n),
          (n) => withListing.has(n),
        );
  const listing = useMemo(() => (name ? listingFor(world, name) : undefined), [world, name]);
  const snapshot = controllers.find((c) => c.name === name);
  const active = listing ? activeLines(listing, snapshot) : new Map();
  const busy = snapshot?.workers.filter((w) => w.key !== undefined) ?? [];

  return (
    <section className="panel code-panel" aria-labelledby="code-title">
      <header className="panel-head">
        <h2 id="code-title">Reconcile code</h2>
        <label className="inline">
          <span>Controller</span>
          <select
            value={name ?? ''}
            onChange={(e) => setPicked(e.target.value)}
            aria-label="Code of controller"
          >
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
                {withListing.has(n) ? '' : ' (no listing)'}
              </option>
            ))}
          </select>
        </label>
      </header>
      {listing ? (
        <>
          <p className="muted code-source">
            Simplified from {listing.source}.{' '}
            {busy.length === 0
              ? 'No worker is reconciling now.'
              : busy.map((w) => `worker ${w.id}: ${w.key} (${w.step ?? 'starting'})`).join('; ')}
          </p>
          <ol className="code-listing" data-testid="code-listing" aria-label={`Reconcile of ${name}`}>
            {listing.lines.map((text, i) => {
              const workers = active.get(i + 1);
              return (
                <li
                  key={i}
                  className={workers ? 'code-line code-active' : 'code-line'}
                  aria-current={workers ? 'step' : undefined}
                >
                  <span className="code-no" aria-hidden="true">
                    {i + 1}
                  </span>
                  <span className="code-mark" aria-hidden="true">
                    {workers ? '▶' : ' '}
                  </span>
                  <code>{text}</code>
                  {workers && (
                    <span className="code-who">
                      {workers
                        .map((w: { worker: number; key: string }) => `w${w.worker} ${w.key}`)
                        .join(', ')}
                    </span>
                  )}
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="muted">{name ? `${name} has no listing in this lab.` : 'No controller runs here.'}</p>
      )}
    </section>
  );
}
