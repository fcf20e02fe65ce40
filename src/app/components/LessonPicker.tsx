/** The header's "Lessons" button and the list it opens: every lesson and bug lab, with its type. */
import { useEffect, useRef, useState } from 'react';
import { LESSONS } from '../../lessons/catalog.ts';

export function LessonPicker({
  current,
  onPick,
}: {
  current: string | undefined;
  onPick: (id: string) => void;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <>
      <button
        ref={button}
        type="button"
        className="lesson-picker-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        Lessons
      </button>
      {open && (
        <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="lesson-picker-title">
          <div className="overlay-card lesson-picker">
            <h2 id="lesson-picker-title">Lessons and bug labs</h2>
            <ul>
              {LESSONS.map((l) => (
                <li key={l.id}>
                  <button
                    type="button"
                    className="lesson-pick"
                    aria-current={l.id === current ? 'true' : undefined}
                    autoFocus={l.id === (current ?? LESSONS[0]?.id)}
                    onClick={() => {
                      setOpen(false);
                      onPick(l.id);
                    }}
                  >
                    <span className={`badge badge-${l.type}`}>
                      {l.type === 'bug-lab' ? 'Bug lab' : 'Lesson'}
                    </span>{' '}
                    <strong>{l.title}</strong>
                    <span className="summary">{l.summary}</span>
                  </button>
                </li>
              ))}
            </ul>
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        </div>
      )}
    </>
  );
}
