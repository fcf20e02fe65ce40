/**
 * The lab's URL parameters (DESIGN.md §2, docs/embedding.md): seed, speed, theme, t, autoplay, scenario,
 * lesson, step, embed, panels, parentOrigin and the permalink's actions. A garbage value falls back to its
 * default with a notice the page shows, never a blank page.
 */
import { isPanelId, PANEL_IDS, type PanelId } from '../embed/panels.ts';
import { decodeTape, type PermalinkTape } from './permalink.ts';
import { MAX_SPEED, MIN_SPEED } from './speed.ts';
import { isTheme, THEMES, type Theme } from './theme.ts';

export interface LabParams {
  /** A bundled scenario id; undefined: the default scenario. */
  scenario?: string | undefined;
  seed: number | undefined;
  speed: number | undefined;
  theme: Theme;
  /** Virtual ms to open at. */
  t: number | undefined;
  autoplay: boolean;
  /** A lesson id (src/lessons/catalog.ts); undefined: free play. */
  lesson?: string | undefined;
  /** The lesson's step, counted from 0; checked against the lesson by the player. */
  step?: number | undefined;
  /** Presenter mode: projector theme, clicker keys. */
  presenter?: boolean;
  /** This window is a presenter's notes window. */
  notes?: boolean;
  /** embed=1: the lab sits in a host page's iframe; the chrome is hidden. */
  embed?: boolean;
  /** The panels to show; undefined: all of them. */
  panels?: PanelId[] | undefined;
  /** The host page's origin: postMessage commands from any other origin are ignored. */
  parentOrigin?: string | undefined;
  /** The permalink's user actions and event count (`actions`): replayed to the moment t. */
  tape?: PermalinkTape | undefined;
}

export interface ParsedParams {
  params: LabParams;
  notices: string[];
}

const BOOL: Readonly<Record<string, boolean>> = { '': true, '1': true, true: true, '0': false, false: false };

/** A value as a notice quotes it: short, so a 100 kB parameter cannot flood the page. */
function quote(v: string): string {
  return `"${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`;
}

/** An http(s) origin written exactly as the browser reports it (scheme://host[:port]), or undefined. */
export function readOrigin(v: string): string | undefined {
  if (v.length > 300) return undefined;
  try {
    const u = new URL(v);
    if ((u.protocol === 'https:' || u.protocol === 'http:') && u.origin === v) return v;
  } catch {
    /* not a URL */
  }
  return undefined;
}

export interface ParseOptions {
  /** Scenario ids the build offers; a `scenario` outside them falls back to the default with a notice. */
  scenarioIds?: readonly string[];
  /** Lesson ids the build offers; a `lesson` outside them opens free play with a notice. */
  lessonIds?: readonly string[];
}

export function parseLabParams(search: string, opts: ParseOptions = {}): ParsedParams {
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
    else notices.push(`seed ${quote(seed)} is not a whole number ≥ 0: using the scenario's seed.`);
  }
  const speed = q.get('speed');
  if (speed !== null) {
    const n = Number(speed);
    if (speed.trim() !== '' && Number.isFinite(n) && n >= MIN_SPEED && n <= MAX_SPEED) params.speed = n;
    else notices.push(`speed ${quote(speed)} is not between ${MIN_SPEED} and ${MAX_SPEED}: using 1×.`);
  }
  const theme = q.get('theme');
  if (theme !== null) {
    if (isTheme(theme)) params.theme = theme;
    else notices.push(`theme ${quote(theme)} is not one of ${THEMES.join(', ')}: using auto.`);
  }
  const t = q.get('t');
  if (t !== null) {
    const n = Number(t);
    if (t.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= 24 * 3_600_000) params.t = Math.round(n);
    else notices.push(`t ${quote(t)} is not a virtual time in ms between 0 and 24 h: starting at 0.`);
  }
  const autoplay = q.get('autoplay');
  if (autoplay !== null) {
    const v = BOOL[autoplay.toLowerCase()];
    if (v !== undefined) params.autoplay = v;
    else notices.push(`autoplay ${quote(autoplay)} is not true or false: starting paused.`);
  }
  const scenario = q.get('scenario');
  if (scenario !== null && opts.scenarioIds) {
    if (opts.scenarioIds.includes(scenario)) params.scenario = scenario;
    else
      notices.push(
        `scenario ${quote(scenario)} is not one of ${opts.scenarioIds.join(', ')}: opening the default scenario.`,
      );
  }
  const lesson = q.get('lesson');
  if (lesson !== null && opts.lessonIds) {
    if (opts.lessonIds.includes(lesson)) params.lesson = lesson;
    else
      notices.push(
        `lesson ${quote(lesson)} is not one of ${opts.lessonIds.join(', ')}: pick one from the list.`,
      );
  }
  const step = q.get('step');
  if (step !== null) {
    const n = Number(step);
    if (step.trim() !== '' && Number.isSafeInteger(n) && n >= 0) params.step = n;
    else notices.push(`step ${quote(step)} is not a step number (0, 1, …): starting at the first step.`);
  }
  for (const key of ['presenter', 'notes'] as const) {
    const raw = q.get(key);
    if (raw === null) continue;
    const v = BOOL[raw.toLowerCase()];
    if (v !== undefined) params[key] = v;
    else notices.push(`${key} ${quote(raw)} is not true or false: ignored.`);
  }
  readEmbedParams(q, params, notices);
  return { params, notices };
}

function readEmbedParams(q: URLSearchParams, params: LabParams, notices: string[]): void {
  const embed = q.get('embed');
  if (embed !== null) {
    const v = BOOL[embed.toLowerCase()];
    if (v !== undefined) params.embed = v;
    else notices.push(`embed ${quote(embed)} is not 1 or 0: showing the full lab.`);
  }
  const panels = q.get('panels');
  if (panels !== null) {
    const ids = panels.length > 500 ? [] : panels.split(',').map((p) => p.trim());
    const known = [...new Set(ids.filter(isPanelId))];
    const unknown = ids.filter((p) => !isPanelId(p));
    if (known.length === 0)
      notices.push(`panels ${quote(panels)} names none of ${PANEL_IDS.join(', ')}: showing every panel.`);
    else {
      params.panels = known;
      if (unknown.length > 0)
        notices.push(`panels: ${quote(unknown.join(','))} unknown (ids: ${PANEL_IDS.join(', ')}): ignored.`);
    }
  }
  const origin = q.get('parentOrigin');
  if (origin !== null) {
    const v = readOrigin(origin);
    if (v !== undefined) params.parentOrigin = v;
    else
      notices.push(
        `parentOrigin ${quote(origin)} is not an origin such as https://docs.example.com: ignored.`,
      );
  }
  const actions = q.get('actions');
  if (actions !== null) {
    const r = decodeTape(actions);
    if (!r.ok) notices.push(`actions ${r.reason}: no action was applied.`);
    else if (params.lesson !== undefined) notices.push('actions are ignored in a lesson: it has its own.');
    else if ((params.t ?? 0) < (r.value.actions[r.value.actions.length - 1]?.atMs ?? 0))
      notices.push('actions: one lies after t: no action was applied.');
    else params.tape = r.value;
  }
}
