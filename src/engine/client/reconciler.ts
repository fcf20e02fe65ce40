/**
 * The contract controllers implement. A Reconcile is a generator so that it can take virtual time (API latency)
 * while staying deterministic: it yields effects, the controller runner performs them on the sim clock and
 * resumes it with the result, or throws the API error into it.
 *
 * @example
 * const reconcile: Reconcile = function* (req, ctx) {
 *   yield ctx.step('fetch');
 *   const rs = ctx.cache('replicasets.apps').get(req.namespace, req.name);
 *   if (!rs) return; // gone: nothing to do (level-based, the request carries no event)
 *   yield ctx.step('create pods');
 *   const pod = yield* ctx.client.create('pods', podFor(rs));
 *   return { requeueAfterMs: 15_000 };
 * };
 */
import type {
  DeleteOptions,
  DeleteResult,
  ListOptions,
  PatchOptions,
  PatchType,
  RequestOptions,
  UpdateOptions,
} from '../api/api.ts';
import type { ResourceId } from '../api/resource.ts';
import type { KubeObject, ObjectList } from '../api/types.ts';
import type { Rng } from '../sim/rng.ts';
import type { CacheListOptions } from './informer.ts';

/** pkg/reconcile Request: a name only. The reconciler reads current state; it is never told what happened. */
export interface ReconcileRequest {
  namespace: string;
  name: string;
  /** "namespace/name", or "name" for cluster-scoped objects. */
  key: string;
}

/** pkg/reconcile Result. requeueAfterMs wins over requeue (fact 30); both are ignored when Reconcile fails. */
export interface ReconcileResult {
  /** Deprecated upstream: requeue with rate limiting, counting as a failure for the backoff. */
  requeue?: boolean;
  requeueAfterMs?: number;
  /** Priority for the requeue (priority queue only); defaults to the priority the item was handed out with. */
  priority?: number;
}

/**
 * reconcile.TerminalError: the reconcile failed and retrying will not help. Not requeued, and not forgotten
 * either, so earlier backoff stays until the next success (pkg/internal/controller/controller.go reconcileHandler).
 */
export class TerminalError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TerminalError';
  }
}

/** Wraps an error as terminal, keeping it as the cause (reconcile.TerminalError(err)). */
export function terminalError(err: unknown): TerminalError {
  return new TerminalError(err instanceof Error ? err.message : String(err), { cause: err });
}

/** errors.Is(err, reconcile.TerminalError(nil)): the error or anything in its cause chain is terminal. */
export function isTerminalError(err: unknown): boolean {
  let e: unknown = err;
  for (let depth = 0; depth < 32 && e instanceof Error; depth++) {
    if (e instanceof TerminalError) return true;
    e = (e as Error & { cause?: unknown }).cause;
  }
  return false;
}

export interface CallEffect {
  kind: 'call';
  verb: string;
  resource: ResourceId;
  namespace?: string;
  name?: string;
  /** Performs the request against the API server; the runner calls it once the latency has passed. */
  run: () => unknown;
}

export interface StepEffect {
  kind: 'step';
  step: string;
}

/** Several requests in flight at once, as goroutines under a WaitGroup (e.g. replica_set.go slowStartBatch). */
export interface ParallelEffect {
  kind: 'parallel';
  calls: CallEffect[];
}

export type Effect = CallEffect | StepEffect | ParallelEffect;

/** The outcome of one call of a parallel batch: its value, or the error it failed with. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export type ReconcileGenerator = Generator<Effect, ReconcileResult | void, unknown>;

export type Reconcile = (req: ReconcileRequest, ctx: ReconcileContext) => ReconcileGenerator;

/** A request that takes virtual time: `const obj = yield* ctx.client.get(...)`. */
export type ApiCall<T> = Generator<Effect, T, unknown>;

/** Synchronous reads from the controller's informer cache (mgr.GetClient() reads). */
export interface CacheReader {
  /** The cached object, or undefined when the cache has none (controller-runtime returns NotFound). */
  get(namespace: string | undefined, name: string): KubeObject | undefined;
  list(opts?: CacheListOptions): KubeObject[];
  byIndex(indexName: string, value: string): KubeObject[];
}

/**
 * Writes and uncached reads (mgr.GetClient() writes, mgr.GetAPIReader() reads). Each takes the transport's
 * latency; a failure is thrown inside the reconcile as the API server's ApiError.
 */
export interface ReconcileClient {
  create(resource: ResourceId, obj: KubeObject, opts?: RequestOptions): ApiCall<KubeObject>;
  update(resource: ResourceId, obj: KubeObject, opts?: UpdateOptions): ApiCall<KubeObject>;
  /** PUT to the status subresource. */
  updateStatus(resource: ResourceId, obj: KubeObject, opts?: RequestOptions): ApiCall<KubeObject>;
  patch(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: PatchOptions,
  ): ApiCall<KubeObject>;
  delete(
    resource: ResourceId,
    namespace: string | undefined,
    name: string,
    opts?: DeleteOptions,
  ): ApiCall<DeleteResult>;
  /** Uncached GET: the API server's current object (throws NotFound). */
  get(resource: ResourceId, namespace: string | undefined, name: string): ApiCall<KubeObject>;
  /** Uncached LIST. */
  list(resource: ResourceId, opts?: ListOptions): ApiCall<ObjectList>;
}

export interface ReconcileContext {
  readonly request: ReconcileRequest;
  /** The controller's name. */
  readonly controller: string;
  /** The worker running this reconcile, 0-based. */
  readonly worker: number;
  now(): number;
  readonly rng: Rng;
  /** `yield ctx.step('compare')`: shows the worker's current step in the UI and the trace (reconcile.step). */
  step(step: string): StepEffect;
  /**
   * The informer cache of a resource the controller watches or declared in `reads`. Objects are shared with
   * every other reader: never mutate them; clone() first.
   */
  cache(resource: ResourceId): CacheReader;
  readonly client: ReconcileClient;
  /** A deep copy of a cached object, safe to change and write back. */
  clone<T>(obj: T): T;
  /** A note for the controller's log (shown by the UI's inspector; not part of the trace). */
  log(message: string): void;
}

/** Builds a request from a queue key ("namespace/name" or "name"). */
export function requestFromKey(key: string): ReconcileRequest {
  const i = key.indexOf('/');
  return i < 0
    ? { namespace: '', name: key, key }
    : { namespace: key.slice(0, i), name: key.slice(i + 1), key };
}

/** The effect behind every client method: yields the call and returns what the runner resumes with. */
export function* apiCall<T>(
  verb: string,
  resource: ResourceId,
  namespace: string | undefined,
  name: string | undefined,
  run: () => T,
): ApiCall<T> {
  return (yield { kind: 'call', verb, resource, namespace, name, run }) as T;
}

/**
 * Runs API calls concurrently and waits for all of them: `const results = yield* parallel(calls)`. Each call
 * must be a single request (a ctx.client method), not a composite reconcile step. Failures do not throw; each
 * result says how its call went, like collecting errors from a batch of goroutines.
 */
export function* parallel<T>(calls: readonly ApiCall<T>[]): Generator<Effect, Settled<T>[], unknown> {
  const effects: CallEffect[] = [];
  for (const call of calls) {
    const first = call.next();
    if (first.done || first.value.kind !== 'call') {
      throw new TypeError('parallel() takes single API calls (ctx.client.*), each yielding one request');
    }
    effects.push(first.value);
  }
  const outcomes = (yield { kind: 'parallel', calls: effects }) as {
    ok: boolean;
    value?: unknown;
    error?: unknown;
  }[];
  return calls.map((call, i): Settled<T> => {
    const o = outcomes[i]!;
    try {
      const r = o.ok ? call.next(o.value) : call.throw(o.error);
      if (!r.done)
        throw new TypeError('parallel() takes single API calls (ctx.client.*), each yielding one request');
      return { ok: true, value: r.value };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

/** Turns a plain function into a Reconcile, for controllers that never wait on the API. */
export function reconcileFromFunction(
  fn: (req: ReconcileRequest, ctx: ReconcileContext) => ReconcileResult | void,
): Reconcile {
  // eslint-disable-next-line require-yield -- a Reconcile must be a generator even when it never waits
  return function* (req, ctx) {
    return fn(req, ctx);
  };
}
