/**
 * What the simulator's loop panel and the served engine's loop panel share: the d3 diagram's lifetime bound to
 * an <svg>, the wall time a token takes to cross an edge, and the controller picker.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { createLoopDiagram, type LoopDiagram } from '../../viz/loop-diagram.ts';
import type { LoopModel } from '../../viz/loop-model.ts';

/** A token crosses an edge in this much wall time at any speed. */
export const TOKEN_WALL_MS = 700;

/** Creates the loop diagram in the returned <svg> ref and redraws it whenever the model changes. */
export function useLoopDiagram(model: LoopModel): RefObject<SVGSVGElement | null> {
  const svgRef = useRef<SVGSVGElement>(null);
  const diagram = useRef<LoopDiagram | null>(null);
  useEffect(() => {
    if (!svgRef.current) return;
    diagram.current = createLoopDiagram(svgRef.current);
    return () => {
      diagram.current?.destroy();
      diagram.current = null;
    };
  }, []);
  useEffect(() => diagram.current?.update(model), [model]);
  return svgRef;
}

export function ControllerSelect({
  value,
  names,
  onChange,
}: {
  value: string;
  names: readonly string[];
  onChange: (name: string) => void;
}) {
  return (
    <label className="inline">
      <span>Controller</span>
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
    </label>
  );
}
