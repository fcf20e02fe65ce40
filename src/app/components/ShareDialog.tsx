/**
 * The Share dialog (DESIGN.md §2): the permalink to the moment on screen and the iframe snippet that embeds
 * it, each with a Copy button. A modal <dialog> keeps the focus inside and closes on Esc.
 */
import { useEffect, useRef, useState } from 'react';
import { formatVirtualTime } from '../lab/time-format.ts';
import { iframeSnippet, permalinkUrl, type Moment } from '../lab/permalink-link.ts';

function describe(m: Moment): string {
  if (m.kind === 'lesson') return `Lesson ${m.lesson}, step ${m.step + 1}.`;
  const n = m.tape.actions.length;
  return `Scenario ${m.scenario}, seed ${m.seed}, at ${formatVirtualTime(m.t)}, after ${n} action${n === 1 ? '' : 's'} of yours.`;
}

function CopyField({ label, value, rows }: { label: string; value: string; rows: number }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState('');
  const id = `share-${label.toLowerCase().replace(/\W+/g, '-')}`;
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setStatus('Copied.');
    } catch {
      // Clipboard access can be refused (an iframe without the permission): select it for Ctrl+C instead.
      area.current?.focus();
      area.current?.select();
      setStatus('Selected: press Ctrl+C (⌘C) to copy.');
    }
  };
  return (
    <div className="share-field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        ref={area}
        readOnly
        rows={rows}
        value={value}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="share-copy">
        <button type="button" onClick={() => void copy()}>
          Copy {label.toLowerCase()}
        </button>
        <output aria-live="polite">{status}</output>
      </div>
    </div>
  );
}

export function ShareDialog({
  moment,
  base,
  onClose,
}: {
  moment: Moment;
  base: string;
  onClose: () => void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const link = permalinkUrl(base, moment);
  useEffect(() => {
    const d = dialog.current;
    // Unmounting removes the element, which ends the modal state: no close() here (strict mode re-runs this).
    if (d && !d.open) d.showModal();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="share-dialog"
      aria-labelledby="share-title"
      onClose={onClose}
      // The lab's one-key shortcuts (r resets) must not fire from inside the dialog.
      onKeyDown={(e) => {
        if (e.key !== 'Escape') e.stopPropagation();
      }}
    >
      <h2 id="share-title">Share this moment</h2>
      <p className="share-what">{describe(moment)}</p>
      <CopyField label="Link" value={link} rows={3} />
      <CopyField label="Embed code" value={iframeSnippet(link)} rows={9} />
      <p className="share-note">
        The embed follows its content&apos;s height with the script above. Add{' '}
        <code>&amp;parentOrigin=https://your.site</code> to the iframe&apos;s address so that only your page
        can drive it (docs/embedding.md).
      </p>
      <form method="dialog">
        <button type="submit" className="primary" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  );
}
