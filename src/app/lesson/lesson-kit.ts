/**
 * Everything lessons add to the lab, as one chunk loaded on first use (issue 4: the first screen's JS stays
 * small): the catalog with every lesson's content, the session store, the lesson → lab-scene loader and the
 * lesson UI. App loads it before the lab starts when the URL asks for a lesson or presenter mode
 * (lesson-boot.ts), else when the learner opens the picker or presenter mode, or a host page embeds the lab.
 */
import type { ComponentType } from 'react';
import { LESSONS } from '../../lessons/catalog.ts';
import type { Lesson } from '../../lessons/lesson-types.ts';
import { LessonPickerDialog, type LessonPickerDialogProps } from '../components/LessonPicker.tsx';
import { PresenterControls } from '../components/Presenter.tsx';
import type { LabScenario } from '../lab/lab-scenario.ts';
import type { LabParams } from '../lab/url-params.ts';
import { LessonArea } from './LessonChrome.tsx';
import { lessonLabScenario } from './lesson-loader.ts';
import type { LessonSession } from './lesson-store.ts';
import { openLessonSession } from './open-session.ts';

export interface LessonKit {
  /** The ids a `lesson` URL parameter may name. */
  lessonIds: readonly string[];
  /** The session as the URL opens it, with the notices for a step the lesson does not have. */
  openSession(params: LabParams): { session: LessonSession; notices: string[] };
  /** The lab scene a lesson opens on. */
  labScenario(lesson: Lesson): LabScenario;
  /** Under the transport: the lesson panel, the lesson and presenter keys, the blank screen. */
  LessonArea: ComponentType;
  LessonPickerDialog: ComponentType<LessonPickerDialogProps>;
  PresenterControls: ComponentType<{ lessonId: string | undefined }>;
}

export const LESSON_KIT: LessonKit = {
  lessonIds: LESSONS.map((l) => l.id),
  openSession: openLessonSession,
  labScenario: (lesson) => lessonLabScenario(lesson),
  LessonArea,
  LessonPickerDialog,
  PresenterControls,
};
