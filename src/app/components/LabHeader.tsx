/**
 * The lab's page header, shared by the simulated lab and the live/attached one: logo, title, a tagline saying
 * what is running, then the controls that mode offers (children). Also the theme picker both put there and the
 * list of URL parameters that were ignored, shown under it.
 */
import type { ReactNode } from 'react';
import { THEMES, type Theme } from '../lab/theme.ts';

export function LabHeader({
  tagline,
  taglineTestId,
  children,
}: {
  tagline: ReactNode;
  taglineTestId?: string;
  children: ReactNode;
}) {
  return (
    <header className="lab-head">
      <img className="logo" src={`${import.meta.env.BASE_URL}favicon.svg`} alt="" width="32" height="32" />
      <div className="title">
        <h1>Reconcile Lab</h1>
        <p className="tagline" data-testid={taglineTestId}>
          {tagline}
        </p>
      </div>
      {children}
    </header>
  );
}

export function ThemeSelect({ theme, setTheme }: { theme: Theme; setTheme: (t: Theme) => void }) {
  return (
    <label className="inline theme">
      <span>Theme</span>
      <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
        {THEMES.map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
    </label>
  );
}

export function IgnoredParams({ notices }: { notices: readonly string[] }) {
  if (notices.length === 0) return null;
  return (
    <ul className="notices" role="status" aria-label="URL parameters ignored">
      {notices.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
