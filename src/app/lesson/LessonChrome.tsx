/**
 * The lesson area under the lab's transport: the lesson panel, the lesson and presenter keys, the blank
 * screen and the notes window's channel. Part of the lazily loaded lesson kit (lesson-kit.ts).
 */
import { useCallback, useState } from 'react';
import { LessonPanel } from '../components/LessonPanel.tsx';
import { PresenterBlank, useLessonKeys, usePresenterChannel } from '../components/Presenter.tsx';
import { useLesson } from './LessonContext.tsx';

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
