/**
 * Opens a permalink's moment (scenario + seed + the `actions` tape + t) in the lab it sits in, once, before
 * the first paint. Renders nothing; a tape that does not fit the run is reported and the lab stays at t = 0.
 */
import { useLayoutEffect, useRef } from 'react';
import { useLabStore } from '../lab/LabProvider.tsx';
import type { PermalinkTape } from '../lab/permalink.ts';
import { restoreMoment } from '../lab/permalink-restore.ts';

export function PermalinkRestore({
  tape,
  t,
  autoplay,
  onFail,
}: {
  tape: PermalinkTape;
  t: number;
  autoplay: boolean;
  onFail: (notice: string) => void;
}) {
  const lab = useLabStore();
  // Strict mode runs effects twice; a replay must happen once per lab.
  const done = useRef<unknown>(undefined);
  useLayoutEffect(() => {
    if (done.current === lab) return;
    done.current = lab;
    const r = restoreMoment(lab, tape, t);
    if (!r.ok) onFail(`actions: ${r.error}: opened at t = 0 instead.`);
    else if (autoplay) lab.getState().play();
  }, [lab, tape, t, autoplay, onFail]);
  return null;
}
