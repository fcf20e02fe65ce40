/**
 * The lesson picker's dialog: every lesson and bug lab, with its type. The header's Lessons button
 * (lesson/LessonButtons.tsx) opens it and handles Esc; this list is part of the lazily loaded lesson kit.
 */
import { LESSONS } from '../../lessons/catalog.ts';

export interface LessonPickerDialogProps {
  current: string | undefined;
  onPick: (id: string) => void;
  onClose: () => void;
}

export function LessonPickerDialog({ current, onPick, onClose }: LessonPickerDialogProps) {
  return (
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
                onClick={() => onPick(l.id)}
              >
                <span className={`badge badge-${l.type}`}>{l.type === 'bug-lab' ? 'Bug lab' : 'Lesson'}</span>{' '}
                <strong>{l.title}</strong>
                <span className="summary">{l.summary}</span>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </div>
  );
}
