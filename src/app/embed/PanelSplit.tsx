/**
 * A side-by-side split that shows only the panels the page asked for (`panels=`): both sides with the
 * separator, one side alone at full width, or nothing.
 */
import type { ReactNode } from 'react';
import { ResizableSplit } from '../components/ResizableSplit.tsx';

export function PanelSplit({
  id,
  label,
  initial,
  left,
  right,
}: {
  id: string;
  label: string;
  initial: number;
  left: ReactNode;
  right: ReactNode;
}) {
  const hasLeft = left !== null && left !== false && left !== undefined;
  const hasRight = right !== null && right !== false && right !== undefined;
  if (hasLeft && hasRight)
    return (
      <ResizableSplit id={id} label={label} initial={initial}>
        {left}
        {right}
      </ResizableSplit>
    );
  if (hasLeft) return <>{left}</>;
  if (hasRight) return <>{right}</>;
  return null;
}
