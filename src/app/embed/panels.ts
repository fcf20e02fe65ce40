/**
 * The panels a page can pick with `panels=` (docs/embedding.md): a docs page about the workqueue may want the
 * loop diagram and the log, and nothing else.
 */
export const PANEL_IDS = [
  'loop',
  'desired',
  'actions',
  'log',
  'graph',
  'lifecycle',
  'inspector',
  'code',
  'yaml',
] as const;

export type PanelId = (typeof PANEL_IDS)[number];

export const isPanelId = (s: string): s is PanelId => (PANEL_IDS as readonly string[]).includes(s);

/** Whether a panel shows: every panel does when the page names none. */
export function showsPanel(panels: readonly PanelId[] | undefined, id: PanelId): boolean {
  return panels === undefined || panels.includes(id);
}
