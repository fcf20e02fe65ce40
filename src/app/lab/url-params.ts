/**
 * The lab's URL parameters (DESIGN.md §2): seed, speed, theme, t, autoplay. A garbage value falls back to its
 * default with a notice the page shows, never a blank page.
 */
import { MAX_SPEED, MIN_SPEED } from './speed.ts';
import { isTheme, THEMES, type Theme } from './theme.ts';

export interface LabParams {
  seed: number | undefined;
  speed: number | undefined;
  theme: Theme;
  /** Virtual ms to open at. */
  t: number | undefined;
  autoplay: boolean;
}

export interface ParsedParams {
  params: LabParams;
  notices: string[];
}

const BOOL: Readonly<Record<string, boolean>> = { '': true, '1': true, true: true, '0': false, false: false };

export function parseLabParams(search: string): ParsedParams {
  const q = new URLSearchParams(search);
  const notices: string[] = [];
  const params: LabParams = {
    seed: undefined,
    speed: undefined,
    theme: 'auto',
    t: undefined,
    autoplay: false,
  };

  const seed = q.get('seed');
  if (seed !== null) {
    const n = Number(seed);
    if (seed.trim() !== '' && Number.isSafeInteger(n) && n >= 0) params.seed = n;
    else notices.push(`seed "${seed}" is not a whole number ≥ 0: using the scenario's seed.`);
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if (speed.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) params.speed = n;
    else notices.push(`speed "${speed}" is not between ${MIN_SPEED} and ${MAX_SPEED}: using 1×.`);
  }
  const theme = q.get('theme');
  if (theme !== null) {
    if (isTheme(theme)) params.theme = theme;
    else notices.push(`theme "${theme}" is not one of ${THEMES.join(', ')}: using auto.`);
  }
  const t = q.get('t');
  if (t !== null) {
    const n = Number(t);
    if (t.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 24 * 3_600_000) params.t = Math.round(n);
    else notices.push(`t "${t}" is not a virtual time in ms between 0 and 24 h: starting at 0.`);
  }
  const autoplay = q.get('autoplay');
  if (autoplay !== null) {
    const v = BOOL[autoplay.toLowerCase()];
    if (v !== undefined) params.autoplay = v;
    else notices.push(`autoplay "${autoplay}" is not true or false: starting paused.`);
  }
  return { params, notices };
}
