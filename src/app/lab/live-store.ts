/**
 * The store of a page attached to a served engine or reading a real cluster: it owns the remote source (and,
 * when attached, the trace follower and the engine's clock), and publishes one immutable snapshot at most every
 * PUBLISH_MS, however many watch events arrive. Created per page (see LiveApp), never shared.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import {
  BROWSER_CONNECTIONS_PER_ORIGIN,
  createRemoteSource,
  type RemoteSnapshot,
  type RemoteSource,
} from '../../live/remote-source.ts';
import type { FetchLike } from '../../live/reflector.ts';
import {
  createTraceFollower,
  type TraceFollower,
  type TraceFollowerSnapshot,
} from '../../live/trace-follower.ts';

export const PUBLISH_MS = 100;
export const INFO_POLL_MS = 2000;

export interface EngineInfo {
  /** Virtual ms when asked. */
  t: number;
  speed: number | 'max';
  /** Wall ms when the answer came. */
  at: number;
}

export interface LiveSnapshot {
  mode: 'live' | 'attach';
  base: string;
  source: RemoteSnapshot;
  trace: TraceFollowerSnapshot | undefined;
  info: EngineInfo | undefined;
  infoError: string | undefined;
  /** The served engine's virtual time, estimated from its info and trace (0 in live mode). */
  t: number;
}

export interface LiveState {
  snap: LiveSnapshot;
  start(): void;
  stop(): void;
}

export type LiveStore = StoreApi<LiveState>;

/** Virtual time now: the engine's last answer moved on by its speed, never behind the newest traced event. */
export function estimateVirtualTime(
  info: EngineInfo | undefined,
  lastEventT: number | undefined,
  wallNow: number,
): number {
  let t = info ? info.t : 0;
  if (info && typeof info.speed === 'number') t += Math.max(0, wallNow - info.at) * info.speed;
  return Math.max(t, lastEventT ?? 0);
}

export function parseInfo(v: unknown, at: number): EngineInfo {
  const o = v as { engine?: unknown; t?: unknown; speed?: unknown } | null;
  if (o?.engine !== 'reconcile-lab' || typeof o.t !== 'number')
    throw new Error('this server is not a Reconcile Lab engine (GET reconcile-lab/info)');
  return { t: o.t, speed: o.speed === 'max' || typeof o.speed !== 'number' ? 'max' : o.speed, at };
}

export function createLiveStore(opts: {
  mode: 'live' | 'attach';
  base: string;
  fetch?: FetchLike;
  wallNow?: () => number;
}): LiveStore {
  const doFetch: FetchLike = opts.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const wallNow = opts.wallNow ?? (() => Date.now());
  // Every watch (and the trace stream) holds one of the browser's connections to this origin; one stays free
  // for lists and the info poll.
  const source: RemoteSource = createRemoteSource({
    base: opts.base,
    fetch: doFetch,
    maxWatches: BROWSER_CONNECTIONS_PER_ORIGIN - (opts.mode === 'attach' ? 2 : 1),
  });
  const trace: TraceFollower | undefined =
    opts.mode === 'attach' ? createTraceFollower({ base: opts.base, fetch: doFetch }) : undefined;
  let info: EngineInfo | undefined;
  let infoError: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ticker: ReturnType<typeof setInterval> | undefined;
  let poller: ReturnType<typeof setInterval> | undefined;
  const unsubscribers: (() => void)[] = [];

  const snapshot = (): LiveSnapshot => {
    const traceSnap = trace?.snapshot();
    const last = traceSnap?.recent[traceSnap.recent.length - 1];
    return {
      mode: opts.mode,
      base: opts.base,
      source: source.snapshot(),
      trace: traceSnap,
      info,
      infoError,
      t: opts.mode === 'attach' ? estimateVirtualTime(info, last?.t, wallNow()) : 0,
    };
  };
  const publish = () => {
    timer = undefined;
    store.setState({ snap: snapshot() });
  };
  const schedule = () => {
    timer ??= setTimeout(publish, PUBLISH_MS);
  };

  const pollInfo = async () => {
    try {
      const res = await doFetch(`${opts.base}reconcile-lab/info`, {
        headers: { Accept: 'application/json' },
      });
      if (!res.ok) throw new Error(`GET ${opts.base}reconcile-lab/info answered ${res.status}`);
      info = parseInfo(await res.json(), wallNow());
      infoError = undefined;
    } catch (e) {
      infoError = e instanceof Error ? e.message : String(e);
    }
    schedule();
  };

  const store = createStore<LiveState>()(() => ({
    snap: snapshot(),
    start() {
      if (unsubscribers.length > 0) return;
      unsubscribers.push(source.subscribe(schedule));
      source.start();
      if (trace) {
        unsubscribers.push(trace.subscribe(schedule));
        trace.start();
        void pollInfo();
        poller = setInterval(() => void pollInfo(), INFO_POLL_MS);
        // Tokens move with the engine's clock even when nothing new arrives.
        ticker = setInterval(schedule, PUBLISH_MS);
      }
    },
    stop() {
      for (const u of unsubscribers.splice(0)) u();
      source.stop();
      trace?.stop();
      if (timer) clearTimeout(timer);
      if (ticker) clearInterval(ticker);
      if (poller) clearInterval(poller);
      timer = ticker = poller = undefined;
    },
  }));
  return store;
}
