/**
 * How much wall time the next frame's engine work may take: what a 60 fps frame leaves after the rest of the
 * recent frames' work (React, d3, style, layout, paint), between a floor and a ceiling. A 2,000-Machine lab
 * spends most of a frame drawing, so its engine gets the floor and the lab plays slower (snap.pace says so)
 * rather than every frame stretching; a small lab draws quickly and its engine gets the ceiling.
 */
export interface FrameBudget {
  /** Records a frame: the wall time since the previous one and how much of it the engine took. */
  record(frameMs: number, engineMs: number): void;
  /** The engine's share of the next frame, in ms. */
  engineMs(): number;
}

export interface FrameBudgetOptions {
  /** The frame to fit in: 60 fps. */
  frameMs?: number;
  /** The engine always gets this much, so even a heavy lab moves. */
  minMs?: number;
  maxMs?: number;
}

/** Weight of the newest frame in the moving average of non-engine work: a few frames, so a spike fades fast. */
const SMOOTHING = 0.25;
/** A frame longer than this is a stall (a background tab, a GC, a breakpoint), not drawing work. */
const MAX_SAMPLE_MS = 250;

export function createFrameBudget({
  frameMs = 16,
  minMs = 2,
  maxMs = 8,
}: FrameBudgetOptions = {}): FrameBudget {
  let other = 0;
  return {
    record(frame, engine) {
      if (!Number.isFinite(frame) || frame <= 0 || frame > MAX_SAMPLE_MS) return;
      other += (Math.max(0, frame - Math.max(0, engine)) - other) * SMOOTHING;
    },
    engineMs: () => Math.min(maxMs, Math.max(minMs, frameMs - other)),
  };
}
