/**
 * A scripted fetch for the live sources' tests: each request is answered by the first route whose matcher
 * accepts its URL; streamed answers are fed chunk by chunk by the test. Records every URL asked for.
 */
import type { FetchLike } from './reflector.ts';

export interface Stream {
  push(text: string): void;
  close(): void;
  /** Aborted by the client (its signal fired). */
  readonly cancelled: boolean;
}

export type Answer =
  { status: number; json: unknown } | { status: 200; stream: (s: Stream) => void } | { error: string };

export interface FakeFetch {
  fetch: FetchLike;
  urls: string[];
  /** Routes tried in order; a route answering undefined passes. */
  route(handler: (url: URL) => Answer | undefined): void;
}

export function createFakeFetch(): FakeFetch {
  const urls: string[] = [];
  const routes: ((url: URL) => Answer | undefined)[] = [];
  const fetch: FetchLike = async (raw, init) => {
    urls.push(raw);
    const url = new URL(raw, 'http://page.test');
    let answer: Answer | undefined;
    for (const r of routes) {
      answer = r(url);
      if (answer) break;
    }
    if (!answer) answer = { status: 404, json: { kind: 'Status', code: 404, message: 'not found' } };
    if ('error' in answer) throw new TypeError(answer.error);
    if ('json' in answer) {
      const body = answer.json;
      return { ok: answer.status < 300, status: answer.status, json: async () => body, body: null };
    }
    const feed = answer.stream;
    const encoder = new TextEncoder();
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        const s: Stream = {
          push: (text) => {
            if (!cancelled) controller.enqueue(encoder.encode(text));
          },
          close: () => {
            if (!cancelled) controller.close();
          },
          get cancelled() {
            return cancelled;
          },
        };
        init?.signal?.addEventListener('abort', () => {
          if (cancelled) return;
          cancelled = true;
          controller.error(new DOMException('aborted', 'AbortError'));
        });
        feed(s);
      },
      cancel() {
        cancelled = true;
      },
    });
    return { ok: true, status: 200, json: async () => ({}), body };
  };
  return { fetch, urls, route: (h) => routes.push(h) };
}

/** Lets pending promise callbacks and stream reads run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((r) => setTimeout(r, 0));
}
