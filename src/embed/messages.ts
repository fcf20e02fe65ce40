/**
 * The postMessage contract between an embedded lab and its host page (DESIGN.md §2, docs/embedding.md).
 * Inbound messages are untrusted data from another window: they are checked field by field and anything that
 * does not match is rejected with a reason, so a foreign message can never reach the store.
 */

export const MESSAGE_SOURCE = 'reconcile-lab';

/** A host may seek anywhere in the first 30 virtual days; further is not a moment a lesson reaches. */
export const MAX_SEEK_MS = 30 * 24 * 3_600_000;

export type InboundCommand =
  | { command: 'play' }
  | { command: 'pause' }
  | { command: 'step' }
  | { command: 'reset' }
  | { command: 'seek'; t: number }
  | { command: 'setSpeed'; speed: number }
  | { command: 'loadLesson'; lesson: string }
  | { command: 'goToStep'; step: number };

export type InboundCheck = { ok: true; value: InboundCommand } | { ok: false; reason: string };

export interface LabStatePayload {
  t: number;
  playing: boolean;
  speed: number;
  scenario: string;
  lesson: string | null;
  step: number | null;
}

export type OutboundEvent =
  | { source: typeof MESSAGE_SOURCE; type: 'event'; event: 'ready'; version: 1; scenario: string }
  | ({ source: typeof MESSAGE_SOURCE; type: 'event'; event: 'state' } & LabStatePayload)
  | { source: typeof MESSAGE_SOURCE; type: 'event'; event: 'resize'; height: number }
  | { source: typeof MESSAGE_SOURCE; type: 'event'; event: 'error'; reason: string };

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** Checks one inbound message's data. The sender's identity is checked separately (acceptsSender). */
export function parseInbound(data: unknown): InboundCheck {
  if (!isRecord(data)) return { ok: false, reason: 'not an object' };
  if (data.source !== MESSAGE_SOURCE) return { ok: false, reason: `source is not "${MESSAGE_SOURCE}"` };
  if (data.type !== 'command') return { ok: false, reason: 'type is not "command"' };
  const c = data.command;
  switch (c) {
    case 'play':
    case 'pause':
    case 'step':
    case 'reset':
      return { ok: true, value: { command: c } };
    case 'seek':
      if (!finite(data.t) || data.t < 0 || data.t > MAX_SEEK_MS)
        return { ok: false, reason: `seek: t must be virtual milliseconds in [0, ${MAX_SEEK_MS}]` };
      return { ok: true, value: { command: c, t: Math.round(data.t) } };
    case 'setSpeed':
      // The store clamps to its own range; here only nonsense is refused.
      if (!finite(data.speed) || data.speed <= 0)
        return { ok: false, reason: 'setSpeed: speed must be a number > 0' };
      return { ok: true, value: { command: c, speed: data.speed } };
    case 'loadLesson':
      if (typeof data.lesson !== 'string' || !NAME.test(data.lesson))
        return {
          ok: false,
          reason: 'loadLesson: lesson must be a lesson id (lower-case letters, digits, -)',
        };
      return { ok: true, value: { command: c, lesson: data.lesson } };
    case 'goToStep':
      if (!Number.isSafeInteger(data.step) || (data.step as number) < 0 || (data.step as number) > 999)
        return { ok: false, reason: 'goToStep: step must be a whole number in [0, 999]' };
      return { ok: true, value: { command: c, step: data.step as number } };
    default:
      return { ok: false, reason: `unknown command ${JSON.stringify(c)}` };
  }
}

/**
 * DESIGN.md §2: accept messages only from window.parent, and only from parentOrigin when the URL names one.
 * An embed without parentOrigin trusts whatever page framed it, as the contract allows.
 */
export function acceptsSender(
  e: { source: unknown; origin: string },
  parent: unknown,
  parentOrigin: string | undefined,
): boolean {
  if (e.source === null || e.source !== parent) return false;
  return parentOrigin === undefined || e.origin === parentOrigin;
}

/** Where outbound events go: the named parent origin, or '*' (the payload holds nothing private). */
export function targetOrigin(parentOrigin: string | undefined): string {
  return parentOrigin ?? '*';
}

export function stateEvent(p: LabStatePayload): OutboundEvent {
  return { source: MESSAGE_SOURCE, type: 'event', event: 'state', ...p };
}

export function readyEvent(scenario: string): OutboundEvent {
  return { source: MESSAGE_SOURCE, type: 'event', event: 'ready', version: 1, scenario };
}

export function resizeEvent(height: number): OutboundEvent {
  return { source: MESSAGE_SOURCE, type: 'event', event: 'resize', height: Math.ceil(height) };
}

export function errorEvent(reason: string): OutboundEvent {
  return { source: MESSAGE_SOURCE, type: 'event', event: 'error', reason };
}

/** A state event is sent only when something a host shows has changed: not once per frame. */
export function sameState(a: LabStatePayload | undefined, b: LabStatePayload): boolean {
  return (
    a !== undefined &&
    a.t === b.t &&
    a.playing === b.playing &&
    a.speed === b.speed &&
    a.scenario === b.scenario &&
    a.lesson === b.lesson &&
    a.step === b.step
  );
}
