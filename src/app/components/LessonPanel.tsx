/**
 * The lesson player's panel: the step's story and sources, the prediction that gates "Run step", the outcome
 * next to the prediction, the checks, the knobs, and the step navigation. The panels the step is about get an
 * outline and a label (not colour alone).
 */
import { useEffect, useRef, useState } from 'react';
import type { Lesson, LessonParam, LessonStep } from '../../lessons/lesson-types.ts';
import { useLesson, useLessonSession } from '../lesson/LessonContext.tsx';
import { isAnswered, type LessonAnswer } from '../lesson/lesson-store.ts';
import { formatVirtualTime } from '../lab/time-format.ts';

/** What a highlight names, as the label on the outlined panel says it. */
const PANEL_LABELS: Readonly<Record<string, string>> = {
  loop: 'the control loop',
  queue: 'the workqueue',
  workers: 'the workers',
  informer: 'the informer',
  desired: 'desired vs actual',
  series: 'the desired vs ready chart',
  graph: 'the object graph',
  lifecycle: 'the Machine lifecycle',
};

export const PREDICTION_FOCUS_ID = 'lesson-predict-first';

/** Outlines the panels a step is about; a panel may stand for several parts (data-panel="loop queue"). */
function useHighlights(anchor: React.RefObject<HTMLElement | null>, highlight: readonly string[]) {
  const key = highlight.join(' ');
  useEffect(() => {
    const root = anchor.current?.closest('.lab');
    if (!root) return;
    const names = key === '' ? [] : key.split(' ');
    const marked: Element[] = [];
    for (const el of root.querySelectorAll('[data-panel]')) {
      const parts = (el.getAttribute('data-panel') ?? '').split(/\s+/);
      const hits = names.filter((n) => parts.includes(n));
      if (hits.length === 0) continue;
      el.setAttribute('data-lesson-focus', `This step: ${hits.map((h) => PANEL_LABELS[h] ?? h).join(', ')}`);
      marked.push(el);
    }
    return () => {
      for (const el of marked) el.removeAttribute('data-lesson-focus');
    };
  });
}

function Prediction({ step, index }: { step: LessonStep; index: number }) {
  const session = useLessonSession();
  const answer = useLesson((s) => s.answer);
  const phase = useLesson((s) => s.phase);
  const [text, setText] = useState('');
  // A new step (or the same step again) starts with an empty answer.
  useEffect(() => {
    if (answer === undefined) setText('');
  }, [index, answer]);
  const p = step.predict;
  if (!p) return null;
  const locked = phase !== 'ready';
  return (
    <fieldset className="lesson-predict" disabled={locked}>
      <legend>Predict: {p.question}</legend>
      {p.kind === 'choice' ? (
        <div className="choices">
          {p.choices.map((c, i) => {
            const picked = answer?.kind === 'choice' && answer.index === i;
            return (
              <button
                key={c}
                type="button"
                id={i === 0 ? PREDICTION_FOCUS_ID : undefined}
                className={`choice${picked ? ' picked' : ''}`}
                aria-pressed={picked}
                onClick={() => session.getState().setAnswer({ kind: 'choice', index: i })}
              >
                <span aria-hidden="true">{picked ? '◉' : '○'}</span> {c}
              </button>
            );
          })}
        </div>
      ) : (
        <label className="number-answer">
          <span>Your answer</span>
          <input
            id={PREDICTION_FOCUS_ID}
            type="number"
            inputMode="numeric"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              const v = Number(e.target.value);
              const a: LessonAnswer | undefined =
                e.target.value.trim() !== '' && Number.isFinite(v) ? { kind: 'number', value: v } : undefined;
              session.getState().setAnswer(a);
            }}
          />
        </label>
      )}
    </fieldset>
  );
}

function answerText(step: LessonStep, answer: LessonAnswer | undefined): string {
  if (!answer || !step.predict) return '—';
  if (answer.kind === 'number') return String(answer.value);
  return step.predict.kind === 'choice' ? (step.predict.choices[answer.index] ?? '—') : '—';
}

function Outcome({ step }: { step: LessonStep }) {
  const outcome = useLesson((s) => s.outcome);
  const answer = useLesson((s) => s.answer);
  if (!outcome) return null;
  const p = step.predict;
  return (
    <div className="lesson-outcome" data-testid="lesson-outcome">
      {p && (
        <p className={`verdict ${outcome.right ? 'right' : 'wrong'}`}>
          <strong>{outcome.right ? '✓ Right.' : '✗ Not quite.'}</strong> You predicted “
          {answerText(step, answer)}”;{' '}
          {p.kind === 'number'
            ? `the simulation measured ${outcome.measured ?? '—'}.`
            : `the answer is “${p.choices[p.answer] ?? ''}”.`}{' '}
          {p.explain}
        </p>
      )}
      {outcome.checks.length > 0 && (
        <ul className="lesson-checks" aria-label="What the simulation shows">
          {outcome.checks.map((c) => (
            <li key={c.check.says} className={c.pass ? 'pass' : 'fail'}>
              <span aria-hidden="true">{c.pass ? '✓' : '✗'}</span> {c.check.says}{' '}
              <span className="muted">
                ({c.pass ? 'yes' : 'no'}: observed {c.observed})
              </span>
            </li>
          ))}
        </ul>
      )}
      <p className="muted">Stopped at {formatVirtualTime(outcome.atMs)}.</p>
    </div>
  );
}

function Knob({ knob, lesson }: { knob: LessonParam; lesson: Lesson }) {
  const session = useLessonSession();
  const value = useLesson((s) => s.knobs[knob.id] ?? knob.default);
  const index = useLesson((s) => s.index);
  const change = (raw: string) => {
    const v = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(v)) return;
    if (
      index > 0 &&
      !window.confirm(`Changing “${knob.label}” restarts ${lesson.title} from the first step.`)
    )
      return;
    session.getState().setKnob(knob.id, v);
  };
  const id = `knob-${knob.id}`;
  return (
    <div className="knob">
      <label htmlFor={id}>{knob.label}</label>
      <input
        id={id}
        type="range"
        min={knob.min}
        max={knob.max}
        step={knob.step ?? 1}
        value={value}
        aria-describedby={`${id}-hint`}
        onChange={(e) => change(e.target.value)}
      />
      <input
        type="number"
        aria-label={`${knob.label} (number)`}
        min={knob.min}
        max={knob.max}
        step={knob.step ?? 1}
        value={value}
        onChange={(e) => change(e.target.value)}
      />
      <p id={`${id}-hint`} className="hint">
        {knob.hint} ({knob.min}–{knob.max}, default {knob.default})
      </p>
    </div>
  );
}

export function LessonPanel() {
  const session = useLessonSession();
  const lesson = useLesson((s) => s.lesson);
  const index = useLesson((s) => s.index);
  const phase = useLesson((s) => s.phase);
  const answer = useLesson((s) => s.answer);
  const error = useLesson((s) => s.error);
  // A projector has no room to spare: the knobs stay folded until asked for.
  const presenter = useLesson((s) => s.presenter);
  const ref = useRef<HTMLElement>(null);
  const step = lesson?.steps[index];
  useHighlights(ref, step?.highlight ?? []);
  if (!lesson || !step) return null;
  const last = index === lesson.steps.length - 1;
  const canRun = phase === 'ready' && isAnswered(step, answer);
  const s = session.getState();
  return (
    <section
      className="lesson-panel"
      ref={ref}
      aria-labelledby="lesson-title"
      data-testid="lesson-panel"
      data-phase={phase}
      data-step={index}
    >
      <header className="lesson-head">
        <span className={`badge badge-${lesson.type}`}>
          {lesson.type === 'bug-lab' ? 'Bug lab' : 'Lesson'}
        </span>
        <h2 id="lesson-title">{lesson.title}</h2>
        <p className="lesson-progress" data-testid="lesson-progress">
          Step {index + 1} of {lesson.steps.length}
        </p>
        <button
          type="button"
          className="quiet"
          onClick={() => {
            s.closeLesson();
            const url = new URL(window.location.href);
            for (const k of ['lesson', 'step']) url.searchParams.delete(k);
            window.history.replaceState(window.history.state, '', url.toString());
          }}
        >
          Leave lesson
        </button>
      </header>
      <div className="lesson-body">
        <div className="lesson-story">
          <h3 data-testid="lesson-step-title">{step.title}</h3>
          {step.text.map((t) => (
            <p key={t}>{t}</p>
          ))}
          {step.sources.length > 0 && (
            <p className="lesson-sources">
              Sources:{' '}
              {step.sources.map((src, i) => (
                <span key={src.url}>
                  {i > 0 && ' · '}
                  <a href={src.url} target="_blank" rel="noopener">
                    {src.label}
                  </a>
                </span>
              ))}
            </p>
          )}
        </div>
        <div className="lesson-act">
          <Prediction step={step} index={index} />
          <div className="lesson-run">
            <button
              type="button"
              className="primary"
              disabled={!canRun}
              aria-describedby={step.predict && !canRun && phase === 'ready' ? 'lesson-gate' : undefined}
              onClick={() => s.runStep()}
            >
              ▶ Run step
            </button>
            {phase === 'running' && (
              <>
                <span role="status" className="running">
                  Running at {lesson.speed}×…
                </span>
                <button type="button" onClick={() => s.finishStep()}>
                  Skip to the end of the step
                </button>
              </>
            )}
            {step.predict && phase === 'ready' && !canRun && (
              <span id="lesson-gate" className="muted">
                Answer first: predict, then see.
              </span>
            )}
            {phase === 'interrupted' && (
              <span role="status">The run was interrupted: reset to this step to run it again.</span>
            )}
          </div>
          <Outcome step={step} />
          {error && (
            <p className="lesson-error" role="alert">
              {error}
            </p>
          )}
          <nav className="lesson-nav" aria-label="Lesson steps">
            <button type="button" disabled={index === 0} onClick={() => s.previous()}>
              ◀ Previous step
            </button>
            <button type="button" onClick={() => s.resetStep()} aria-keyshortcuts="r">
              ↺ Reset to this step
            </button>
            <button
              type="button"
              className="primary"
              disabled={phase !== 'done' || last}
              onClick={() => s.next()}
            >
              Next step ▶
            </button>
            {last && phase === 'done' && (
              <strong className="lesson-complete" role="status">
                Lesson complete.
              </strong>
            )}
          </nav>
        </div>
      </div>
      <details className="lesson-knobs" key={String(presenter)} open={!presenter}>
        <summary>
          Change the scene ({lesson.knobs.length} {lesson.knobs.length === 1 ? 'knob' : 'knobs'})
        </summary>
        {lesson.knobs.map((k) => (
          <Knob key={k.id} knob={k} lesson={lesson} />
        ))}
      </details>
    </section>
  );
}
