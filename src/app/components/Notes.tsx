/**
 * The presenter's notes window (?notes=1&lesson=…): the current step's text, the prediction's answer and the
 * next step, following the main window over BroadcastChannel, with buttons that drive it.
 */
import { useEffect, useRef, useState } from 'react';
import { findLesson } from '../../lessons/catalog.ts';
import type { LessonStep } from '../../lessons/lesson-types.ts';
import {
  openPresenterChannel,
  type PresenterCommand,
  type PresenterMessage,
} from '../lesson/presenter-channel.ts';

type State = Extract<PresenterMessage, { type: 'state' }>;

function answerOf(step: LessonStep): string | undefined {
  const p = step.predict;
  if (!p) return undefined;
  if (p.kind === 'choice') return `${p.choices[p.answer] ?? ''}: ${p.explain}`;
  return `Measured by the simulation. ${p.explain}`;
}

export function NotesWindow({ lessonId }: { lessonId: string | undefined }) {
  const [state, setState] = useState<State | undefined>(undefined);
  const channel = useRef<ReturnType<typeof openPresenterChannel>>(undefined);
  useEffect(() => {
    const ch = openPresenterChannel((m) => {
      if (m.type === 'state') setState(m);
    });
    channel.current = ch;
    ch?.post({ type: 'hello' });
    return () => ch?.close();
  }, []);
  const send = (command: PresenterCommand) => channel.current?.post({ type: 'command', command });
  const lesson = findLesson(state?.lesson ?? lessonId ?? '');
  const index = state?.index ?? 0;
  const step = lesson?.steps[index];
  const next = lesson?.steps[index + 1];
  useEffect(() => {
    document.title = lesson ? `Notes: ${lesson.title}` : 'Reconcile Lab notes';
  }, [lesson]);
  return (
    <main className="lab notes-window" data-theme="dark">
      <h1>{lesson ? lesson.title : 'Speaker notes'}</h1>
      {!lesson && <p role="status">Open a lesson in the main window (Lessons), then press Speaker notes.</p>}
      {lesson && step && (
        <>
          <p className="notes-progress" data-testid="notes-step" role="status">
            Step {index + 1} of {lesson.steps.length}: {step.title}
            {state
              ? ` (${state.phase}${state.answered ? ', answered' : ''})`
              : ' (waiting for the main window)'}
          </p>
          <nav className="notes-nav" aria-label="Drive the main window">
            <button type="button" onClick={() => send('previous')}>
              ◀ Previous
            </button>
            <button type="button" onClick={() => send('reset')}>
              ↺ Reset step
            </button>
            <button type="button" className="primary" onClick={() => send('advance')}>
              Next ▶
            </button>
          </nav>
          <section aria-labelledby="notes-now">
            <h2 id="notes-now">Now</h2>
            {step.text.map((t) => (
              <p key={t}>{t}</p>
            ))}
          </section>
          {step.predict && (
            <section aria-labelledby="notes-predict">
              <h2 id="notes-predict">Prediction</h2>
              <p>
                <strong>{step.predict.question}</strong>
              </p>
              <p data-testid="notes-answer">Answer: {answerOf(step)}</p>
            </section>
          )}
          <section aria-labelledby="notes-next">
            <h2 id="notes-next">Next</h2>
            <p>{next ? `${next.title}: ${next.text[0] ?? ''}` : 'This is the last step.'}</p>
          </section>
        </>
      )}
    </main>
  );
}
