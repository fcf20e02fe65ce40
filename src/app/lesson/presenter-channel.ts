/**
 * The presenter's notes window and the main window talk over one BroadcastChannel (same origin only, so
 * nothing leaves the page). The main window announces where the lesson is; the notes window sends the
 * clicker's commands back. Messages are checked on arrival: anything else on the channel is ignored.
 */
import type { StepPhase } from './lesson-store.ts';

export const PRESENTER_CHANNEL = 'reconcile-lab-presenter';

export type PresenterCommand = 'advance' | 'previous' | 'reset';

export type PresenterMessage =
  | { type: 'state'; lesson: string; index: number; phase: StepPhase; answered: boolean }
  | { type: 'command'; command: PresenterCommand }
  /** The notes window asks for the current state when it opens. */
  | { type: 'hello' };

const PHASES: readonly string[] = ['ready', 'running', 'done', 'interrupted'];
const COMMANDS: readonly string[] = ['advance', 'previous', 'reset'];

/** The message, if it is one of ours and well formed; undefined otherwise. */
export function readPresenterMessage(data: unknown): PresenterMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const m = data as Record<string, unknown>;
  switch (m.type) {
    case 'hello':
      return { type: 'hello' };
    case 'command':
      return typeof m.command === 'string' && COMMANDS.includes(m.command)
        ? { type: 'command', command: m.command as PresenterCommand }
        : undefined;
    case 'state':
      return typeof m.lesson === 'string' &&
        Number.isSafeInteger(m.index) &&
        (m.index as number) >= 0 &&
        typeof m.phase === 'string' &&
        PHASES.includes(m.phase) &&
        typeof m.answered === 'boolean'
        ? {
            type: 'state',
            lesson: m.lesson,
            index: m.index as number,
            phase: m.phase as StepPhase,
            answered: m.answered,
          }
        : undefined;
    default:
      return undefined;
  }
}

/** Opens the channel, or undefined where BroadcastChannel does not exist. */
export function openPresenterChannel(onMessage: (m: PresenterMessage) => void):
  | {
      post(m: PresenterMessage): void;
      close(): void;
    }
  | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const ch = new BroadcastChannel(PRESENTER_CHANNEL);
  ch.onmessage = (e: MessageEvent) => {
    const m = readPresenterMessage(e.data);
    if (m) onMessage(m);
  };
  return { post: (m) => ch.postMessage(m), close: () => ch.close() };
}
