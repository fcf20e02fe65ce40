/**
 * The header's Lessons and Presenter buttons. They are on the first screen, so they stay light: the lesson kit
 * (catalog, session, the picker's list, the presenter controls) loads when the learner first opens either.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Theme } from '../lab/theme.ts';
import { useSessionValue } from './LessonContext.tsx';
import { urlForLesson } from './lesson-url.ts';
import type { Lessons } from './use-lessons.ts';

/** The picker's dialog while the kit is on its way (or could not come). */
function PickerLoading({ failed, onClose }: { failed: string | undefined; onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="lesson-picker-title">
      <div className="overlay-card lesson-picker">
        <h2 id="lesson-picker-title">Lessons and bug labs</h2>
        <p role="status">{failed ? `The lessons could not be loaded: ${failed}` : 'Loading lessons…'}</p>
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}

export function LessonHeaderButtons({
  lessons,
  ensure,
  setTheme,
}: {
  lessons: Lessons | undefined;
  ensure: () => Promise<Lessons>;
  setTheme: (t: Theme) => void;
}) {
  const session = lessons?.session;
  const lessonId = useSessionValue(session, (s) => s.lesson?.id);
  const presenter = useSessionValue(session, (s) => s.presenter) ?? false;
  const [open, setOpen] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const button = useRef<HTMLButtonElement>(null);
  const load = useCallback(
    () =>
      ensure().then(
        (l) => l,
        (e: unknown) => {
          setFailed(e instanceof Error ? e.message : String(e));
          return undefined;
        },
      ),
    [ensure],
  );
  const close = useCallback(() => {
    setOpen(false);
    button.current?.focus();
  }, []);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close]);
  const toggle = () => {
    if (!open) {
      setFailed(undefined);
      void load();
    }
    setOpen((o) => !o);
  };
  const pick = useCallback(
    (id: string) => {
      setOpen(false);
      // The list only shows once the kit is in, so the session is there.
      session?.getState().loadLesson(id);
      window.history.replaceState(
        window.history.state,
        '',
        urlForLesson(window.location.href, id, presenter),
      );
    },
    [session, presenter],
  );
  const togglePresenter = () => {
    const on = !presenter;
    if (session) session.getState().setPresenter(on);
    else void load().then((l) => l?.session.getState().setPresenter(on));
    setTheme(on ? 'projector' : 'auto');
    window.history.replaceState(window.history.state, '', urlForLesson(window.location.href, lessonId, on));
  };
  const Picker = lessons?.kit.LessonPickerDialog;
  const Controls = lessons?.kit.PresenterControls;
  return (
    <>
      <button
        ref={button}
        type="button"
        className="lesson-picker-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={toggle}
      >
        Lessons
      </button>
      {open &&
        (Picker ? (
          <Picker current={lessonId} onPick={pick} onClose={close} />
        ) : (
          <PickerLoading failed={failed} onClose={close} />
        ))}
      <button type="button" className="presenter-toggle" aria-pressed={presenter} onClick={togglePresenter}>
        Presenter
      </button>
      {presenter && Controls && <Controls lessonId={lessonId} />}
    </>
  );
}
