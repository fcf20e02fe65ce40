/**
 * The lab's lessons: the lazily loaded kit and the session it opened, once either the URL or the learner asked
 * for them. The session outlives a lab (a new lesson re-keys the LabProvider), so App holds it.
 */
import { useCallback, useRef, useState } from 'react';
import type { LabParams } from '../lab/url-params.ts';
import type { LessonSession } from './lesson-store.ts';
import type { LessonKit } from './lesson-kit.ts';

export interface Lessons {
  kit: LessonKit;
  session: LessonSession;
  /** What the URL's lesson parameters got wrong. */
  notices: string[];
}

/** The lesson kit's chunk; the module loader fetches it once however often this is called. */
export const loadLessonKit = (): Promise<LessonKit> => import('./lesson-kit.ts').then((m) => m.LESSON_KIT);

function open(kit: LessonKit, params: LabParams): Lessons {
  return { kit, ...kit.openSession(params) };
}

/**
 * `kitAtStart`: the kit App waited for (lesson-boot.ts); the session opens on the first render then. Otherwise
 * `ensure` loads the kit and opens the session, once, from the same URL parameters.
 */
export function useLessons(
  params: LabParams,
  kitAtStart: LessonKit | undefined,
): { lessons: Lessons | undefined; ensure: () => Promise<Lessons> } {
  const [lessons, setLessons] = useState(() => (kitAtStart ? open(kitAtStart, params) : undefined));
  // One session per lab page: every caller (picker, presenter button, embed bridge) shares this promise.
  const pending = useRef<Promise<Lessons> | undefined>(lessons && Promise.resolve(lessons));
  const ensure = useCallback((): Promise<Lessons> => {
    pending.current ??= loadLessonKit().then(
      (kit) => {
        const made = open(kit, params);
        setLessons(made);
        return made;
      },
      (e: unknown) => {
        // A failed fetch (offline before the service worker cached the chunk) may be tried again.
        pending.current = undefined;
        throw e;
      },
    );
    return pending.current;
  }, [params]);
  return { lessons, ensure };
}
