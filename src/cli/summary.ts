/**
 * The run summary: the DESIGN.md §2 JSON shape, projected field by field so that nothing else leaks into
 * the contract, and the human-readable form the CLI prints by default.
 */
import { formatDuration } from '../engine/sim/duration.ts';
import type { WorldSummary } from '../engine/world/world-types.ts';

/** Exactly `{ converged, convergedAtMs, endMs, objects, counts: { events, reconciles, requeues, conflicts } }`. */
export function summaryJson(s: WorldSummary): WorldSummary {
  const objects: WorldSummary['objects'] = {};
  for (const kind of Object.keys(s.objects).sort()) objects[kind] = { ...s.objects[kind]! };
  return {
    converged: s.converged,
    convergedAtMs: s.convergedAtMs,
    endMs: s.endMs,
    objects,
    counts: {
      events: s.counts.events,
      reconciles: s.counts.reconciles,
      requeues: s.counts.requeues,
      conflicts: s.counts.conflicts,
    },
  };
}

export interface SummaryHeader {
  name: string;
  file: string;
  seed: number;
  profile: string;
  until: 'converged' | number;
  timeoutMs: number;
}

const num = (n: number) => n.toLocaleString('en-US');

export function formatSummary(s: WorldSummary, h: SummaryHeader): string {
  const lines: string[] = [];
  lines.push(`${h.name} (${h.file}) · seed ${h.seed} · profile ${h.profile}`);
  if (s.converged && s.convergedAtMs !== null) {
    lines.push(
      `converged at ${formatDuration(s.convergedAtMs)} (virtual); ran to ${formatDuration(s.endMs)}`,
    );
  } else if (h.until === 'converged') {
    lines.push(
      `did not converge within ${formatDuration(h.timeoutMs)} (virtual); ran to ${formatDuration(s.endMs)}`,
    );
  } else {
    lines.push(`not converged at ${formatDuration(s.endMs)} (virtual), the end of the run`);
  }
  const kinds = Object.keys(s.objects).sort();
  if (kinds.length === 0) {
    lines.push('objects: none');
  } else {
    lines.push('objects:');
    const width = Math.max(...kinds.map((k) => k.length));
    for (const kind of kinds) {
      const counts = s.objects[kind]!;
      const phases = Object.keys(counts)
        .filter((k) => k !== 'total')
        .map((k) => `${k} ${num(counts[k]!)}`);
      lines.push(
        `  ${kind.padEnd(width)}  ${num(counts.total).padStart(7)}${phases.length ? `  ${phases.join(', ')}` : ''}`,
      );
    }
  }
  const c = s.counts;
  lines.push(
    `counts: ${num(c.events)} events, ${num(c.reconciles)} reconciles, ${num(c.requeues)} requeues, ${num(c.conflicts)} conflicts`,
  );
  return lines.join('\n');
}
