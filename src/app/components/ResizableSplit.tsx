/**
 * Two panels side by side with a separator between them that a pointer drags and the keyboard moves (the
 * WAI-ARIA window splitter: role="separator", aria-valuenow, arrows, Home/End). The size is remembered in
 * localStorage under the split's id, which holds nothing but that number. Narrow screens stack the panels.
 */
import { useCallback, useRef, useState, type ReactNode } from 'react';
import { clampFraction, fractionAfterKey, fractionAt, readStoredFraction } from '../lab/split.ts';

const storageKey = (id: string) => `reconcile-lab.split.${id}`;

function stored(id: string): number | undefined {
  try {
    return readStoredFraction(window.localStorage.getItem(storageKey(id)));
  } catch {
    // Storage can be blocked (a sandboxed iframe): the default size is fine.
    return undefined;
  }
}

function store(id: string, f: number) {
  try {
    window.localStorage.setItem(storageKey(id), f.toFixed(3));
  } catch {
    /* see stored() */
  }
}

export function ResizableSplit({
  id,
  label,
  initial = 0.5,
  className = '',
  children,
}: {
  id: string;
  /** What the separator resizes, for screen readers: "Resize the inspector and the code pane". */
  label: string;
  initial?: number;
  className?: string;
  children: [ReactNode, ReactNode];
}) {
  const box = useRef<HTMLDivElement>(null);
  const [fraction, setFraction] = useState(() => stored(id) ?? clampFraction(initial));
  const set = useCallback(
    (f: number) => {
      setFraction(f);
      store(id, f);
    },
    [id],
  );

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    const move = (ev: PointerEvent) => {
      const r = box.current?.getBoundingClientRect();
      if (r) set(fractionAt(ev.clientX, r.left, r.width));
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
      el.removeEventListener('pointercancel', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
    el.addEventListener('pointercancel', up);
  };

  const percent = Math.round(fraction * 100);
  return (
    <div
      ref={box}
      className={`split ${className}`}
      style={{ gridTemplateColumns: `minmax(0, ${fraction}fr) auto minmax(0, ${1 - fraction}fr)` }}
    >
      <div className="split-pane">{children[0]}</div>
      <div
        className="split-handle"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuemin={20}
        aria-valuemax={80}
        aria-valuenow={percent}
        aria-valuetext={`${percent}% for the first panel`}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={(e) => {
          const next = fractionAfterKey(fraction, e.key);
          if (next === undefined) return;
          e.preventDefault();
          e.stopPropagation();
          set(next);
        }}
      />
      <div className="split-pane">{children[1]}</div>
    </div>
  );
}
