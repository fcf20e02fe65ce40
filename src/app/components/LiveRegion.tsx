/** Narrates key events (phase changes, faults, crashes, user actions) to screen readers, politely. */
import { useLab } from '../lab/LabProvider.tsx';
import { describeEvent, narrationOf } from '../lab/event-text.ts';

export function LiveRegion() {
  const recent = useLab((s) => s.snap.recent);
  const e = narrationOf(recent);
  return (
    <p className="visually-hidden" aria-live="polite" data-testid="live-region">
      {e ? describeEvent(e) : ''}
    </p>
  );
}
