import { describe, expect, it } from 'vitest';
import { createLabStore } from '../lab/lab-store.ts';
import { loadLabScenario } from '../lab/scenario.ts';
import { browserScenarioLoader } from '../lesson/lesson-loader.ts';
import { createLessonSession } from '../lesson/lesson-store.ts';
import { createEmbedLink } from './embed-target.ts';

const scenario = loadLabScenario('replicaset');

describe('createEmbedLink', () => {
  it('maps the transport commands to the mounted lab and reports its state', () => {
    const link = createEmbedLink(createLessonSession(browserScenarioLoader));
    expect(link.run({ command: 'play' })).toEqual({ error: 'play: the lab is loading' });
    const lab = createLabStore(scenario);
    let calls = 0;
    const off = link.subscribe(() => calls++);
    link.setLab(lab);
    expect(calls).toBeGreaterThan(0);
    link.run({ command: 'seek', t: 3_000 });
    link.run({ command: 'setSpeed', speed: 10 });
    link.run({ command: 'play' });
    expect(link.state()).toEqual({
      t: 3_000,
      playing: true,
      speed: 10,
      scenario: 'replicaset',
      lesson: null,
      step: null,
    });
    link.run({ command: 'pause' });
    const before = lab.getState().snap.executed;
    link.run({ command: 'step' });
    expect(lab.getState().snap.executed).toBe(before + 1);
    link.run({ command: 'reset' });
    expect(link.state()).toMatchObject({ t: 0, playing: false });
    off();
    const after = calls;
    link.run({ command: 'seek', t: 100 });
    expect(calls).toBe(after);
  });

  it('refuses lesson commands it cannot carry out, with a reason', () => {
    const link = createEmbedLink(createLessonSession(browserScenarioLoader));
    link.setLab(createLabStore(scenario));
    expect(link.run({ command: 'goToStep', step: 1 })).toEqual({
      error: 'goToStep: no lesson is open (send loadLesson first)',
    });
    const r = link.run({ command: 'loadLesson', lesson: 'no-such-lesson' });
    expect(r && 'error' in r && r.error.length > 0).toBe(true);
  });
});
