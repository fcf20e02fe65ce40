/**
 * What the embed bridge (src/embed/bridge.ts) drives: the lab store that is mounted now and the lesson session.
 * A new lesson re-keys the lab, so the lab store changes under one bridge; the host page keeps one connection
 * and simply hears a new state.
 */
import type { EmbedTarget, RunRefusal } from '../../embed/bridge.ts';
import type { InboundCommand, LabStatePayload } from '../../embed/messages.ts';
import type { LabStore } from '../lab/lab-store.ts';
import type { LessonSession } from '../lesson/lesson-store.ts';

export interface EmbedLink extends EmbedTarget {
  /** The lab now mounted (undefined while none is). */
  setLab(lab: LabStore | undefined): void;
}

export function createEmbedLink(session: LessonSession): EmbedLink {
  let lab: LabStore | undefined;
  let last: LabStatePayload = { t: 0, playing: false, speed: 1, scenario: '', lesson: null, step: null };
  const listeners = new Set<() => void>();
  let unLab = () => {};
  const notify = () => {
    for (const l of listeners) l();
  };

  const state = (): LabStatePayload => {
    const ls = session.getState();
    if (lab) {
      const { snap } = lab.getState();
      last = {
        t: snap.t,
        playing: snap.playing,
        speed: snap.speed,
        scenario: snap.scenarioId,
        lesson: ls.lesson?.id ?? null,
        step: ls.lesson ? ls.index : null,
      };
    }
    return last;
  };

  const run = (c: InboundCommand): RunRefusal | undefined => {
    const ls = session.getState();
    if (c.command === 'loadLesson') {
      const r = ls.loadLesson(c.lesson);
      return r.ok ? undefined : { error: r.error };
    }
    if (c.command === 'goToStep') {
      if (!ls.lesson) return { error: 'goToStep: no lesson is open (send loadLesson first)' };
      const r = ls.goToStep(c.step);
      return r.ok ? undefined : { error: r.error };
    }
    if (!lab) return { error: `${c.command}: the lab is loading` };
    const s = lab.getState();
    switch (c.command) {
      case 'play':
        s.play();
        break;
      case 'pause':
        s.pause();
        break;
      case 'step':
        s.step();
        break;
      case 'reset':
        s.reset();
        break;
      case 'seek':
        s.seek(c.t);
        break;
      case 'setSpeed':
        s.setSpeed(c.speed);
        break;
    }
    return undefined;
  };

  return {
    run,
    state,
    subscribe(listener) {
      listeners.add(listener);
      const unSession = session.subscribe(listener);
      return () => {
        listeners.delete(listener);
        unSession();
      };
    },
    setLab(next) {
      if (next === lab) return;
      unLab();
      lab = next;
      unLab = next ? next.subscribe(notify) : () => {};
      notify();
    },
  };
}
