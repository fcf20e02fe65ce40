/** The lab's lesson session as the URL opens it (`lesson`, `step`, `presenter`, `speed`). */
import type { LabParams } from '../lab/url-params.ts';
import { browserScenarioLoader } from './lesson-loader.ts';
import { createLessonSession, type LessonSession } from './lesson-store.ts';

export function openLessonSession(params: LabParams): { session: LessonSession; notices: string[] } {
  const session = createLessonSession(browserScenarioLoader);
  const notices: string[] = [];
  const s = session.getState();
  s.setPresenter(params.presenter === true);
  s.setSpeedOverride(params.speed);
  if (params.lesson) {
    const r = s.loadLesson(params.lesson, params.step === undefined ? {} : { step: params.step });
    if (!r.ok) {
      notices.push(`step ${params.step}: ${r.error}; starting at the first step.`);
      s.loadLesson(params.lesson);
    }
  }
  return { session, notices };
}
