/**
 * Presenter mode: clicker keys, a blank screen, fullscreen, and the notes window's channel. Clickers send
 * PageDown/PageUp (some arrows), and `.` or `b` to blank the screen, as slide software expects.
 */
import { useCallback, useEffect, useState } from 'react';
import { useLessonSession } from '../lesson/LessonContext.tsx';
import type { LessonSession } from '../lesson/lesson-store.ts';
import { openPresenterChannel, type PresenterCommand } from '../lesson/presenter-channel.ts';
import { isAnswered } from '../lesson/lesson-store.ts';
import { PREDICTION_FOCUS_ID } from './LessonPanel.tsx';

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

function focusPrediction() {
  document.getElementById(PREDICTION_FOCUS_ID)?.focus();
}

function command(session: LessonSession, c: PresenterCommand) {
  const s = session.getState();
  if (c === 'advance') {
    if (s.advance() === 'needs-answer') focusPrediction();
  } else if (c === 'previous') s.previous();
  else s.resetStep();
}

/**
 * The lesson keys: PageDown/PageUp and `r` whenever a lesson is open; in presenter mode also the arrows and
 * the blank keys. They run before the lab's own shortcuts (capture) and take the keys they use.
 */
export function useLessonKeys(opts: { presenter: boolean; toggleBlank: () => void }) {
  const session = useLessonSession();
  const { presenter, toggleBlank } = opts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (!session.getState().lesson) return;
      const target = e.target as HTMLElement | null;
      const typing = !!target && (TYPING.has(target.tagName) || target.isContentEditable);
      let c: PresenterCommand | 'blank' | undefined;
      if (e.key === 'PageDown' || (presenter && e.key === 'ArrowRight' && !typing)) c = 'advance';
      else if (e.key === 'PageUp' || (presenter && e.key === 'ArrowLeft' && !typing)) c = 'previous';
      else if (!typing && e.key === 'r') c = 'reset';
      else if (presenter && !typing && (e.key === '.' || e.key === 'b' || e.key === 'B')) c = 'blank';
      if (!c) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      if (c === 'blank') toggleBlank();
      else command(session, c);
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [session, presenter, toggleBlank]);
}

/** Keeps the notes window in step: announces every change, obeys its buttons. */
export function usePresenterChannel(enabled: boolean) {
  const session = useLessonSession();
  useEffect(() => {
    if (!enabled) return;
    const announce = () => {
      const s = session.getState();
      if (!s.lesson) return;
      const step = s.lesson.steps[s.index];
      ch?.post({
        type: 'state',
        lesson: s.lesson.id,
        index: s.index,
        phase: s.phase,
        answered: !!step && isAnswered(step, s.answer),
      });
    };
    const ch = openPresenterChannel((m) => {
      if (m.type === 'hello') announce();
      else if (m.type === 'command') command(session, m.command);
    });
    announce();
    const off = session.subscribe((s, prev) => {
      if (
        s.lesson !== prev.lesson ||
        s.index !== prev.index ||
        s.phase !== prev.phase ||
        s.answer !== prev.answer
      )
        announce();
    });
    return () => {
      off();
      ch?.close();
    };
  }, [session, enabled]);
}

export function PresenterBlank({ onClose }: { onClose: () => void }) {
  return (
    <div className="presenter-blank" data-testid="presenter-blank" onClick={onClose}>
      <span className="visually-hidden">Screen blanked: press b or . to show it again.</span>
    </div>
  );
}

/** Fullscreen and notes buttons: both need a click (a user gesture) to be allowed. */
export function PresenterControls({ lessonId }: { lessonId: string | undefined }) {
  const [full, setFull] = useState(false);
  useEffect(() => {
    const on = () => setFull(document.fullscreenElement !== null);
    document.addEventListener('fullscreenchange', on);
    return () => document.removeEventListener('fullscreenchange', on);
  }, []);
  const toggleFull = useCallback(() => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void document.documentElement.requestFullscreen?.().catch(() => {});
  }, []);
  const openNotes = useCallback(() => {
    if (!lessonId) return;
    const url = new URL(window.location.href);
    url.search = '';
    url.searchParams.set('notes', '1');
    url.searchParams.set('lesson', lessonId);
    window.open(url.toString(), 'reconcile-lab-notes', 'popup,width=760,height=820');
  }, [lessonId]);
  return (
    <div className="presenter-controls" role="group" aria-label="Presenter">
      <button type="button" onClick={toggleFull} aria-pressed={full}>
        {full ? 'Exit fullscreen' : 'Fullscreen'}
      </button>
      <button type="button" onClick={openNotes} disabled={!lessonId}>
        Speaker notes
      </button>
    </div>
  );
}
