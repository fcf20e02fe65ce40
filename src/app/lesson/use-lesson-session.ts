/** The lab's lesson session, opened from the URL (`lesson`, `step`, `presenter`, `speed`) on first render. */
import { useState } from 'react';
import type { LabParams } from '../lab/url-params.ts';
import { browserScenarioLoader } from './lesson-loader.ts';
import { createLessonSession, type LessonSession } from './lesson-store.ts';

export function useLessonSessionFromUrl(params: LabParams): { session: LessonSession; notices: string[] } {
  const [made] = useState(() => {
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
    } else if (params.step !== undefined) notices.push('step is only meaningful with a lesson: ignored.');
    return { session, notices };
  });
  return made;
}
