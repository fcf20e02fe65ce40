/**
 * Gives the lab's subtree its lesson session, and binds the session to the lab store it sits in: the session
 * outlives a lab (a new lesson re-keys the lab), so it attaches to whichever lab is mounted. The session exists
 * once the lesson kit has loaded (use-lessons.ts); until then the provider gives null.
 */
import { createContext, useCallback, useContext, useEffect, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { useLabStore } from '../lab/LabProvider.tsx';
import type { LessonSession, LessonSessionState } from './lesson-store.ts';

export const LessonSessionContext = createContext<LessonSession | null>(null);

export function useLessonSession(): LessonSession {
  const s = useContext(LessonSessionContext);
  if (!s) throw new Error('useLesson must be used inside a LessonSessionContext provider.');
  return s;
}

export function useLesson<T>(selector: (s: LessonSessionState) => T): T {
  return useStore(useLessonSession(), selector);
}

/** A value of a session that may not exist yet (the kit loads on first use): undefined until it does. */
export function useSessionValue<T>(
  session: LessonSession | undefined,
  select: (s: LessonSessionState) => T,
): T | undefined {
  const subscribe = useCallback((cb: () => void) => (session ? session.subscribe(cb) : () => {}), [session]);
  return useSyncExternalStore(subscribe, () => (session ? select(session.getState()) : undefined));
}

/** Attaches the session to the enclosing lab while mounted. Renders nothing. */
export function LessonAttach() {
  const session = useLessonSession();
  const lab = useLabStore();
  useEffect(() => session.getState().attach(lab), [session, lab]);
  return null;
}
