/**
 * The synthetic load behind the simulated metrics-server: for each scale target, a total CPU demand in
 * millicores as a function of virtual time. Pure: the same signal and time always give the same demand, and
 * nextChangeAfter lets the controller know when the load will stay flat for good (so the world can converge).
 */

export interface LoadTarget {
  /** The Kind, as the HorizontalPodAutoscaler's scaleTargetRef names it (ReplicaSet, Deployment…). */
  kind: string;
  name: string;
  namespace: string;
}

export type LoadShape =
  | { type: 'constant'; milli: number }
  /** Piecewise constant: each step holds from its time until the next; 0 before the first. Sorted by atMs. */
  | { type: 'steps'; steps: { atMs: number; milli: number }[] }
  /**
   * From startMs, high for the first half of each period and low for the second, for `cycles` periods (forever
   * when unset); low before startMs and after the last cycle.
   */
  | {
      type: 'squareWave';
      lowMilli: number;
      highMilli: number;
      periodMs: number;
      startMs: number;
      cycles?: number;
    };

export interface LoadSignal {
  target: LoadTarget;
  shape: LoadShape;
}

/** Total CPU demand of the target's Pods at virtual time t, in millicores. */
export function demandAt(shape: LoadShape, t: number): number {
  switch (shape.type) {
    case 'constant':
      return shape.milli;
    case 'steps': {
      let milli = 0;
      for (const s of shape.steps) {
        if (s.atMs > t) break;
        milli = s.milli;
      }
      return milli;
    }
    case 'squareWave': {
      if (t < shape.startMs) return shape.lowMilli;
      const k = Math.floor((t - shape.startMs) / shape.periodMs);
      if (shape.cycles !== undefined && k >= shape.cycles) return shape.lowMilli;
      const into = t - shape.startMs - k * shape.periodMs;
      return into < shape.periodMs / 2 ? shape.highMilli : shape.lowMilli;
    }
  }
}

/** The first time after t at which the demand changes, or undefined when it never changes again. */
export function nextChangeAfter(shape: LoadShape, t: number): number | undefined {
  switch (shape.type) {
    case 'constant':
      return undefined;
    case 'steps': {
      let current = demandAt(shape, t);
      for (const s of shape.steps) {
        if (s.atMs <= t) continue;
        if (s.milli !== current) return s.atMs;
        current = s.milli;
      }
      return undefined;
    }
    case 'squareWave': {
      if (shape.lowMilli === shape.highMilli) return undefined;
      const half = shape.periodMs / 2;
      const end = shape.cycles === undefined ? Infinity : shape.startMs + shape.cycles * shape.periodMs;
      if (t < shape.startMs) return shape.cycles === 0 ? undefined : shape.startMs;
      // Edges fall every half period from startMs; the last one is the end of the last cycle's high half.
      const lastEdge = end === Infinity ? Infinity : end - half;
      const next = shape.startMs + (Math.floor((t - shape.startMs) / half) + 1) * half;
      return next > lastEdge ? undefined : next;
    }
  }
}

/** The signal for a target, if the scenario declared one. */
export function signalFor(signals: readonly LoadSignal[], target: LoadTarget): LoadSignal | undefined {
  return signals.find(
    (s) =>
      s.target.kind === target.kind &&
      s.target.name === target.name &&
      s.target.namespace === target.namespace,
  );
}
