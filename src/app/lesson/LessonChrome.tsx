/**
 * The lesson parts of the lab's shell, kept here so the shell (App.tsx) only places them: the header's
 * Lessons and Presenter buttons, and the lesson area (panel, keys, blank screen, notes channel).
 */
import { useCallback, useState } from 'react';
import { LessonPanel } from '../components/LessonPanel.tsx';
import { LessonPicker } from '../components/LessonPicker.tsx';
import {
  PresenterBlank,
  PresenterControls,
  useLessonKeys,
  usePresenterChannel,
} from '../components/Presenter.tsx';
import type { Theme } from '../lab/theme.ts';
import { useLesson, useLessonSession } from './LessonContext.tsx';

/** Puts a lesson (and presenter mode) in the address bar, so a reload or a shared link opens the same. */
export function urlForLesson(href: string, lesson: string | undefined, presenter: boolean): string {
  const url = new URL(href);
  for (const k of ['lesson', 'step', 'scenario']) url.searchParams.delete(k);
  if (lesson) url.searchParams.set('lesson', lesson);
  if (presenter) url.searchParams.set('presenter', '1');
  else url.searchParams.delete('presenter');
  return url.toString();
}

export function LessonHeaderButtons({ setTheme }: { setTheme: (t: Theme) => void }) {
  const session = useLessonSession();
  const lessonId = useLesson((s) => s.lesson?.id);
  const presenter = useLesson((s) => s.presenter);
  const pick = useCallback(
    (id: string) => {
      session.getState().loadLesson(id);
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
    session.getState().setPresenter(on);
    setTheme(on ? 'projector' : 'auto');
    window.history.replaceState(window.history.state, '', urlForLesson(window.location.href, lessonId, on));
  };
  return (
    <>
      <LessonPicker current={lessonId} onPick={pick} />
      <button type="button" className="presenter-toggle" aria-pressed={presenter} onClick={togglePresenter}>
        Presenter
      </button>
      {presenter && <PresenterControls lessonId={lessonId} />}
    </>
  );
}

export function LessonArea() {
  const presenter = useLesson((s) => s.presenter);
  const [blank, setBlank] = useState(false);
  const toggleBlank = useCallback(() => setBlank((b) => !b), []);
  useLessonKeys({ presenter, toggleBlank });
  usePresenterChannel(presenter);
  return (
    <>
      <LessonPanel />
      {presenter && blank && <PresenterBlank onClose={toggleBlank} />}
    </>
  );
}
