/**
 * Provides one lab store to a subtree (xyflow's pattern: a store per widget instance, from context) and drives
 * it from requestAnimationFrame. Two labs on one page each get their own world.
 */
import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { FirstFrame } from './first-frame.ts';
import { createFirstFrameStore, type FirstFrameLab } from './first-frame-store.ts';
import { createFrameBudget } from './frame-budget.ts';
import type { LabState, LabStore, LabStoreOptions } from './lab-store.ts';

interface LabContextValue {
  store: LabStore;
  /** False while the store is the build's first frame (first-frame-store.ts): nothing can read the world yet. */
  live: boolean;
}

const LabContext = createContext<LabContextValue | null>(null);

/** Builds the lab's store once the engine has loaded; LabProvider hands it its frame budget. */
export type MakeLabStore = (budget: NonNullable<LabStoreOptions['budget']>) => LabStore;

/**
 * `make` is undefined until the engine has loaded; meanwhile the lab shows `firstFrame`, and the store `make`
 * builds then takes over with whatever was done on it. Re-key the provider to build a new lab.
 */
export function LabProvider({
  make,
  firstFrame,
  failed = false,
  children,
}: {
  make: MakeLabStore | undefined;
  firstFrame?: FirstFrame | undefined;
  /** The engine's chunk failed to load: a first frame stays as it is, paused. */
  failed?: boolean;
  children: ReactNode;
}) {
  const [frames] = useState(() => createFrameBudget());
  const [budget] = useState(() => ({ clock: () => performance.now(), engineMs: frames.engineMs }));
  const [lab, setLab] = useState<{ store: LabStore; first?: FirstFrameLab }>(() => {
    if (make) return { store: make(budget) };
    if (!firstFrame) throw new Error('LabProvider needs a store maker or a first frame');
    const first = createFirstFrameStore(firstFrame);
    return { store: first.store, first };
  });
  // The store that takes over from the first frame, made once: an effect that runs again before React has
  // committed the swap (strict mode, a new `make`) must hand over to the same store, not build another.
  const handedTo = useRef<LabStore | undefined>(undefined);
  useEffect(() => {
    if (!lab.first || !make) return;
    if (!handedTo.current) {
      handedTo.current = make(budget);
      lab.first.handOver(handedTo.current);
    }
    setLab({ store: handedTo.current });
  }, [lab, make, budget]);
  useEffect(() => {
    if (failed) lab.first?.abandon();
  }, [lab, failed]);
  const { store } = lab;
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
  const value = useMemo<LabContextValue>(() => ({ store: lab.store, live: !lab.first }), [lab]);
  return <LabContext.Provider value={value}>{children}</LabContext.Provider>;
}

function useLabContext(): LabContextValue {
  const lab = useContext(LabContext);
  if (!lab)
    throw new Error('useLab must be used inside a <LabProvider>: each lab instance provides its own store.');
  return lab;
}

export const useLabStore = (): LabStore => useLabContext().store;

/** False while the lab shows the build's first frame: panels that read the world wait for true. */
export const useLabLive = (): boolean => useLabContext().live;

/** Reads from the nearest lab's store; re-renders when the selected value changes (Object.is). */
export function useLab<T>(selector: (s: LabState) => T): T {
  return useStore(useLabStore(), selector);
}
