/**
 * How a client's requests reach the API server in virtual time. The server's calls are synchronous; the
 * transport adds the latency the server's fault settings ask for by running the call that much later on the
 * sim scheduler. The call runs when the latency has passed (the request "arrives" then) and its result comes
 * back at once, so the write, its watch events and the caller's resumption all happen at the same instant.
 */
import type { ApiServer } from '../api/api.ts';
import type { ResourceId } from '../api/resource.ts';
import type { Sim } from '../sim/sim.ts';

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface PendingCall {
  cancel(): void;
}

export interface Transport {
  /** Virtual ms a request of this verb on this resource takes now (0 when the server has no latency set). */
  latencyFor(verb: string, resource: ResourceId): number;
  /**
   * Runs call: at once when there is no latency, returning its outcome; otherwise later, returning undefined
   * and handing the outcome to onDone. Errors thrown by the call (ApiError for API failures) become outcomes.
   */
  perform(
    verb: string,
    resource: ResourceId,
    call: () => unknown,
    onDone: (outcome: CallOutcome) => void,
  ): { outcome: CallOutcome; pending?: undefined } | { outcome?: undefined; pending: PendingCall };
}

/** The optional fault hook an API server may expose; a server without it has no latency. */
interface LatencySource {
  faults?: { latencyFor?(verb: string, resource: ResourceId): number };
}

function run(call: () => unknown): CallOutcome {
  try {
    return { ok: true, value: call() };
  } catch (error) {
    return { ok: false, error };
  }
}

export function createTransport(sim: Sim, api: ApiServer): Transport {
  const source = api as ApiServer & LatencySource;
  return createLatencyTransport(sim, (verb, resource) => source.faults?.latencyFor?.(verb, resource) ?? 0);
}

/** A transport whose latency comes from the given function: for tests and for callers that script latency. */
export function createLatencyTransport(
  sim: Sim,
  latencyOf: (verb: string, resource: ResourceId) => number,
): Transport {
  const latencyFor = (verb: string, resource: ResourceId): number => {
    const ms = latencyOf(verb, resource);
    return Number.isFinite(ms) && ms > 0 ? ms : 0;
  };
  return {
    latencyFor,
    perform(verb, resource, call, onDone) {
      const latency = latencyFor(verb, resource);
      if (latency <= 0) return { outcome: run(call) };
      const handle = sim.scheduler.after(latency, () => onDone(run(call)), `transport ${verb} ${resource}`);
      return { pending: { cancel: () => sim.scheduler.cancel(handle) } };
    },
  };
}
