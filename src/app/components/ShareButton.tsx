/** The Share button: pauses the lab (the link names what is on screen) and opens the Share dialog. */
import { useContext, useState } from 'react';
import { useLabLive, useLabStore } from '../lab/LabProvider.tsx';
import { labBase, type Moment } from '../lab/permalink-link.ts';
import { LessonSessionContext } from '../lesson/LessonContext.tsx';
import { ShareDialog } from './ShareDialog.tsx';

export function ShareButton() {
  const lab = useLabStore();
  // A link names the world's actions: there are none to read while the lab shows the build's first frame.
  const live = useLabLive();
  const session = useContext(LessonSessionContext);
  const [moment, setMoment] = useState<Moment | undefined>(undefined);
  const open = () => {
    const s = lab.getState();
    s.pause();
    const { snap } = s;
    const lesson = session?.getState();
    setMoment(
      lesson?.lesson
        ? { kind: 'lesson', lesson: lesson.lesson.id, step: lesson.index, speed: snap.speed }
        : {
            kind: 'scenario',
            scenario: snap.scenarioId,
            seed: snap.seed,
            t: snap.t,
            speed: snap.speed,
            tape: { events: snap.executed, actions: [...s.world().actions] },
          },
    );
  };
  return (
    <>
      <button type="button" className="share-button" aria-haspopup="dialog" disabled={!live} onClick={open}>
        Share
      </button>
      {moment && (
        <ShareDialog
          moment={moment}
          base={labBase(window.location.href)}
          onClose={() => setMoment(undefined)}
        />
      )}
    </>
  );
}
