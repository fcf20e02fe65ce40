/**
 * Connects one lab to the page that frames it: commands in, state and size out (messages.ts holds the
 * contract). The lab passes in what it can do; the bridge knows nothing of React or the engine, so one bridge
 * serves the lab, a lesson player or a test double.
 */
import {
  acceptsSender,
  errorEvent,
  parseInbound,
  readyEvent,
  resizeEvent,
  sameState,
  stateEvent,
  targetOrigin,
  type InboundCommand,
  type LabStatePayload,
  type OutboundEvent,
} from './messages.ts';

/** While the lab plays, t changes every frame: a host hears of it at most this often. */
export const STATE_INTERVAL_MS = 250;

/** A command the lab could not carry out (no such lesson, say): the host hears why in an error event. */
export interface RunRefusal {
  error: string;
}

export interface EmbedTarget {
  run(command: InboundCommand): RunRefusal | undefined | void;
  state(): LabStatePayload;
  /** Calls back whenever the lab's state may have changed; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export interface EmbedWindow {
  parent: unknown;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

export interface BridgeOptions {
  win: EmbedWindow;
  /** Where events go: window.parent in the browser. */
  post: (event: OutboundEvent, targetOrigin: string) => void;
  parentOrigin: string | undefined;
  target: EmbedTarget;
  /** The element whose height the host should give the iframe. */
  measure?: { element: Element; observe: (el: Element, cb: (height: number) => void) => () => void };
  /** Wall clock for throttling state events (performance.now in the browser). */
  now: () => number;
}

/** Starts listening and announces `ready`; returns a function that stops everything. */
export function connectEmbed(o: BridgeOptions): () => void {
  const to = targetOrigin(o.parentOrigin);
  let last: LabStatePayload | undefined;
  let lastSentAt = -Infinity;

  const sendState = (force: boolean) => {
    const s = o.target.state();
    if (sameState(last, s)) return;
    // A change other than time passing (play, pause, a step, a seek) goes out at once.
    const onlyTime = last !== undefined && last.playing && s.playing && sameState({ ...last, t: s.t }, s);
    if (!force && onlyTime && o.now() - lastSentAt < STATE_INTERVAL_MS) return;
    last = s;
    lastSentAt = o.now();
    o.post(stateEvent(s), to);
  };

  const onMessage = (e: MessageEvent) => {
    if (!acceptsSender(e, o.win.parent, o.parentOrigin)) return;
    const r = parseInbound(e.data);
    if (!r.ok) {
      // Only a message that claims to be ours earns an answer; anything else is someone else's traffic.
      const d: unknown = e.data;
      if (typeof d === 'object' && d !== null && (d as { source?: unknown }).source === 'reconcile-lab')
        o.post(errorEvent(r.reason), to);
      return;
    }
    const refused = o.target.run(r.value);
    if (refused) o.post(errorEvent(refused.error), to);
    sendState(true);
  };

  o.win.addEventListener('message', onMessage);
  // `ready` comes first, whatever an observer reports on subscribing: a host may wait for it to start listening.
  o.post(readyEvent(o.target.state().scenario), to);
  sendState(true);
  const unsubscribe = o.target.subscribe(() => sendState(false));
  let lastHeight = -1;
  const unobserve = o.measure
    ? o.measure.observe(o.measure.element, (h) => {
        const height = Math.ceil(h);
        if (height === lastHeight) return;
        lastHeight = height;
        o.post(resizeEvent(height), to);
      })
    : () => {};

  return () => {
    o.win.removeEventListener('message', onMessage);
    unsubscribe();
    unobserve();
  };
}
