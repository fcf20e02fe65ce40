/** Export buttons: the loop diagram as SVG or PNG, and the trace as JSONL, all made in the browser. */
import { useRef, useState } from 'react';
import { traceToJsonl } from '../../engine/sim/trace.ts';
import { downloadBlob, exportFileName, serializeSvg, svgToPng } from '../lab/export.ts';
import { useLab, useLabStore } from '../lab/LabProvider.tsx';

export function ExportMenu() {
  const store = useLabStore();
  const scenarioId = useLab((s) => s.snap.scenarioId);
  const t = useLab((s) => s.snap.t);
  const self = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | undefined>(undefined);

  // The diagram of this lab instance: a docs page may hold two labs.
  const diagram = (): { svg: SVGSVGElement; background: string } | undefined => {
    const lab = self.current?.closest('.lab');
    const svg = lab?.querySelector<SVGSVGElement>('svg.loop-svg');
    if (!lab || !svg) return undefined;
    const bg = getComputedStyle(lab).getPropertyValue('--surface').trim() || '#ffffff';
    return { svg, background: bg };
  };

  const run = async (what: 'svg' | 'png' | 'jsonl') => {
    setError(undefined);
    try {
      if (what === 'jsonl') {
        const events = store.getState().snap.trace;
        downloadBlob(
          new Blob([traceToJsonl(events)], { type: 'application/x-ndjson' }),
          exportFileName(scenarioId, t, 'jsonl'),
        );
        return;
      }
      const d = diagram();
      if (!d) throw new Error('there is no diagram to export');
      const { text, width, height } = serializeSvg(d.svg, d.background);
      if (what === 'svg')
        downloadBlob(new Blob([text], { type: 'image/svg+xml' }), exportFileName(scenarioId, t, 'svg'));
      else downloadBlob(await svgToPng(text, width, height), exportFileName(scenarioId, t, 'png'));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div className="export-menu" ref={self} role="group" aria-label="Export">
      <span className="export-label">Export</span>
      <button type="button" onClick={() => void run('svg')}>
        Diagram SVG
      </button>
      <button type="button" onClick={() => void run('png')}>
        Diagram PNG
      </button>
      <button type="button" onClick={() => void run('jsonl')}>
        Trace JSONL
      </button>
      {error && (
        <span className="action-message bad" role="alert">
          ✕ {error}
        </span>
      )}
    </div>
  );
}
