/** A quick action's scale row: a replicas field and a submit button, with room for a picker before the field
 * and more buttons after. An empty field scales to NaN, so the world refuses it with its own error. */
import { useState, type ReactNode } from 'react';

export function ScaleForm({
  inputLabel,
  submitLabel,
  onScale,
  before,
  children,
}: {
  /** The replicas field's accessible name. */
  inputLabel: string;
  submitLabel: string;
  onScale: (replicas: number) => void;
  before?: ReactNode;
  children?: ReactNode;
}) {
  const [replicas, setReplicas] = useState('5');
  return (
    <form
      className="action-row"
      onSubmit={(e) => {
        e.preventDefault();
        onScale(replicas.trim() === '' ? Number.NaN : Number(replicas));
      }}
    >
      {before}
      <label>
        <span>Replicas</span>
        <input
          type="number"
          inputMode="numeric"
          value={replicas}
          onChange={(e) => setReplicas(e.target.value)}
          aria-label={inputLabel}
          className="narrow"
        />
      </label>
      <button type="submit">{submitLabel}</button>
      {children}
    </form>
  );
}
