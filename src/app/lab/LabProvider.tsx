/**
 * Provides one lab store to a subtree (xyflow's pattern: a store per widget instance, from context) and drives
 * it from requestAnimationFrame. Two labs on one page each get their own world.
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import { createFrameBudget } from './frame-budget.ts';
import { createLabStore, type LabState, type LabStore } from './lab-store.ts';
import type { LabScenario } from './scenario.ts';

const LabContext = createContext<LabStore | null>(null);

export interface LabStart {
  speed?: number | undefined;
  /** Virtual ms to open at. */
  t?: number | undefined;
  autoplay?: boolean;
}

export function LabProvider({
  scenario,
  start = {},
  children,
}: {
  scenario: LabScenario;
  start?: LabStart;
  children: ReactNode;
}) {
  const [frames] = useState(() => createFrameBudget());
  const [store] = useState(() => {
    const budget = { clock: () => performance.now(), engineMs: frames.engineMs };
    const s = createLabStore(
      scenario,
      start.speed === undefined ? { budget } : { speed: start.speed, budget },
    );
    if (start.t !== undefined) s.getState().seek(start.t);
    if (start.autoplay) s.getState().play();
    return s;
  });
  useEffect(() => {
    let last: number | undefined;
    let handle = 0;
    const loop = (now: number) => {
      if (last !== undefined) {
        const before = performance.now();
        store.getState().frame(now - last);
        // The engine's share, snapshot included; the rest of the frame is drawing.
        frames.record(now - last, performance.now() - before);
      }
      last = now;
      handle = requestAnimationFrame(loop);
    };
    handle = requestAnimationFrame(loop);
    return () => cancelAnimationFrame(handle);
  }, [store, frames]);
  return <LabContext.Provider value={store}>{children}</LabContext.Provider>;
}

export function useLabStore(): LabStore {
  const store = useContext(LabContext);
  if (!store)
    throw new Error('useLab must be used inside a <LabProvider>: each lab instance provides its own store.');
  return store;
}

/** Reads from the nearest lab's store; re-renders when the selected value changes (Object.is). */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
