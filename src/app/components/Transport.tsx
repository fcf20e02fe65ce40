/** Play/pause, step, step to quiescence, speed (log scale), the timeline scrubber with markers, reset, seed. */
import { useLab, useLabLive, useLabStore } from '../lab/LabProvider.tsx';
import { formatSpeed, positionFromSpeed, speedFromPosition } from '../lab/speed.ts';
import { formatVirtualTime } from '../lab/time-format.ts';

const SLIDER_STEPS = 300;

export function Transport({ onHelp }: { onHelp: () => void }) {
  const store = useLabStore();
  const t = useLab((s) => s.snap.t);
  const playing = useLab((s) => s.snap.playing);
  const speed = useLab((s) => s.snap.speed);
  const seed = useLab((s) => s.snap.seed);
  const horizon = useLab((s) => s.snap.horizonMs);
  const markers = useLab((s) => s.snap.markers);
  const converged = useLab((s) => s.snap.converged);
  const quiet = useLab((s) => s.snap.quiet);
  const profile = useLab((s) => s.snap.profileLabel);
  const executed = useLab((s) => s.snap.executed);
  // Below nine tenths of the chosen speed the engine is the limit: say so rather than let the speed lie.
  const behind = useLab((s) => s.snap.playing && s.snap.pace < 0.9 * s.snap.speed);
  const pace = useLab((s) => (s.snap.pace < 0.1 ? '< 0.1×' : formatSpeed(s.snap.pace)));
  // Play pressed on the build's first frame (first-frame.ts) takes effect when the engine arrives: say why the
  // clock has not moved yet.
  const waiting = useLabLive() === false && playing;
  const end = Math.max(horizon, t, 1000);
  const a = store.getState();

  return (
    <div className="transport" role="group" aria-label="Playback">
      <div className="transport-buttons">
        <button type="button" className="primary play" onClick={a.togglePlay} aria-keyshortcuts="Space">
          {playing ? '❚❚ Pause' : '▶ Play'}
        </button>
        <button
          type="button"
          onClick={a.step}
          aria-keyshortcuts="ArrowRight"
          title="Run one scheduler event (→)"
        >
          Step
        </button>
        <button
          type="button"
          onClick={a.stepToQuiescence}
          aria-keyshortcuts="."
          title="Run until no controller has work (.)"
        >
          Step to quiet
        </button>
        <button type="button" onClick={a.reset} aria-keyshortcuts="r" title="Start over at t = 0 (r)">
          Reset
        </button>
        <label className="speed">
          <span>Speed</span>
          <input
            type="range"
            min={0}
            max={SLIDER_STEPS}
            value={Math.round(positionFromSpeed(speed) * SLIDER_STEPS)}
            aria-valuetext={formatSpeed(speed)}
            onChange={(e) => a.setSpeed(speedFromPosition(Number(e.target.value) / SLIDER_STEPS))}
          />
          <output data-testid="speed">{formatSpeed(speed)}</output>
        </label>
        {waiting && (
          <span className="pace" role="status" data-testid="starting">
            starting the engine…
          </span>
        )}
        {behind && (
          <span
            className="pace"
            data-testid="pace"
            title="The engine cannot run this many events per frame at the chosen speed: the lab plays as fast as it can and keeps every frame drawn"
          >
            engine-bound: {pace}
          </span>
        )}
        <button
          type="button"
          className="help"
          onClick={onHelp}
          aria-keyshortcuts="?"
          title="Keyboard shortcuts (?)"
        >
          ?
        </button>
      </div>
      <div className="timeline">
        <output className="clock" data-testid="clock" aria-label="Virtual time">
          {formatVirtualTime(t)}
        </output>
        <div className="scrubber">
          <input
            type="range"
            aria-label="Timeline: seek to a virtual time"
            min={0}
            max={end}
            step={1}
            value={t}
            aria-valuetext={formatVirtualTime(t)}
            onChange={(e) => {
              // Replay is cheap for lab-sized worlds, so the view follows the thumb as it moves.
              a.seek(Number(e.target.value));
            }}
            onPointerDown={() => a.pause()}
          />
          <div className="markers" aria-hidden="true">
            {markers.map((m, i) => (
              <span
                key={`${m.kind}-${m.t}-${i}`}
                className={`marker marker-${m.kind}`}
                style={{ left: `${(100 * m.t) / end}%` }}
                title={`${formatVirtualTime(m.t)}: ${m.label}`}
              >
                {m.kind === 'fault' ? '⚡' : m.kind === 'ahead' ? '◇' : '◆'}
              </span>
            ))}
          </div>
        </div>
        <span
          className={`state ${converged ? 'state-ok' : quiet ? 'state-quiet' : 'state-busy'}`}
          data-testid="world-state"
        >
          {converged ? '✓ Converged' : quiet ? '◌ Quiet' : '↻ Reconciling'}
        </span>
        <span className="seed" title="Scheduler events run so far: Step runs one">
          event <strong data-testid="executed">{executed}</strong>
        </span>
        <span className="seed" title={`Queue profile: ${profile}`}>
          seed <strong data-testid="seed">{seed}</strong>
        </span>
      </div>
    </div>
  );
}
