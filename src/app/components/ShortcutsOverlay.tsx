/** The "?" overlay and the keyboard shortcuts of one lab instance. */
import { useEffect, type RefObject } from 'react';
import { useLabStore } from '../lab/LabProvider.tsx';

export interface Shortcut {
  keys: string;
  what: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Space', what: 'Play or pause' },
  { keys: '→', what: 'Step one event' },
  { keys: '.', what: 'Step until no controller has work' },
  { keys: 'r', what: 'Reset to t = 0' },
  { keys: 'k', what: 'Open or close the kubectl console' },
  { keys: '?', what: 'Show or hide this help' },
  { keys: 'Esc', what: 'Close this help' },
];

/** Keys of an open lesson (clickers send PageDown/PageUp); presenter mode adds the arrows and the blank keys. */
export const LESSON_SHORTCUTS: readonly Shortcut[] = [
  { keys: 'PageDown', what: 'Lesson: run the step (once predicted), then the next step' },
  { keys: 'PageUp', what: 'Lesson: previous step' },
  { keys: 'r', what: "Lesson: reset to the current step's start (instead of t = 0)" },
  { keys: '→ / ←', what: 'Presenter: next / previous, as PageDown / PageUp' },
  { keys: '. or b', what: 'Presenter: blank the screen, or show it again' },
];

const TYPING = new Set(['INPUT', 'SELECT', 'TEXTAREA']);

/** Shortcuts act on the lab that holds the focus (or on this one when nothing in particular has it). */
export function useShortcuts(
  root: RefObject<HTMLElement | null>,
  toggleHelp: () => void,
  closeHelp: () => void,
  toggleConsole?: () => void,
) {
  const store = useLabStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const active = document.activeElement;
      if (active && active !== document.body && root.current && !root.current.contains(active)) return;
      const target = e.target as HTMLElement | null;
      if (target && (TYPING.has(target.tagName) || target.isContentEditable)) return;
      const s = store.getState();
      switch (e.key) {
        case ' ':
          // A focused button answers Space itself.
          if (target?.tagName === 'BUTTON') return;
          s.togglePlay();
          break;
        case 'ArrowRight':
          s.step();
          break;
        case '.':
          s.stepToQuiescence();
          break;
        case 'r':
          s.reset();
          break;
        case '?':
          toggleHelp();
          break;
        case 'k':
          if (!toggleConsole) return;
          toggleConsole();
          break;
        case 'Escape':
          closeHelp();
          return;
        default:
          return;
      }
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, root, toggleHelp, closeHelp, toggleConsole]);
}

function ShortcutList({ shortcuts }: { shortcuts: readonly Shortcut[] }) {
  return (
    <dl className="shortcuts">
      {shortcuts.map((s) => (
        <div key={s.keys}>
          <dt>
            <kbd>{s.keys}</kbd>
          </dt>
          <dd>{s.what}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ShortcutsOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title">
      <div className="overlay-card">
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <ShortcutList shortcuts={SHORTCUTS} />
        <h3>Lessons and presenter mode</h3>
        <ShortcutList shortcuts={LESSON_SHORTCUTS} />
        <button type="button" className="primary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
