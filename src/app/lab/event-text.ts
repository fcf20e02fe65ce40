/** One readable line per trace event, for the event log and the live region. */
import type { TraceEvent } from '../../engine/sim/trace.ts';

export function describeEvent(e: TraceEvent): string {
  switch (e.type) {
    case 'api.request':
      return `${e.actor}: ${e.verb} ${e.resource}${e.subresource ? `/${e.subresource}` : ''} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
    case 'api.response':
      return `${e.code}${e.reason ? ` ${e.reason}` : ''} → ${e.actor} (${e.verb} ${e.resource} ${e.name})${e.rv ? ` rv ${e.rv}` : ''}`;
    case 'watch.event':
      return `${e.eventType} ${e.kind} ${e.key} rv ${e.rv}`;
    case 'watch.start':
      return `${e.watcher} watches ${e.resource} from rv ${e.rv}`;
    case 'watch.end':
      return `${e.watcher}: watch on ${e.resource} ended (${e.reason})`;
    case 'informer.list':
      return `${e.informer} listed ${e.items} ${e.kind} at rv ${e.rv}`;
    case 'informer.update':
      return `${e.op} ${e.kind} ${e.key} rv ${e.rv}`;
    case 'queue.add':
      return `${e.controller}: add ${e.key}${e.deduped ? ' (already queued: deduped)' : ''}`;
    case 'queue.ratelimited':
      return `${e.controller}: ${e.key} back off ${e.delayMs} ms after ${e.failures} failures`;
    case 'queue.after':
      return `${e.controller}: ${e.key} again in ${e.delayMs} ms`;
    case 'queue.get':
      return `${e.controller}: worker ${e.worker} gets ${e.key}`;
    case 'queue.done':
      return `${e.controller}: done ${e.key}`;
    case 'queue.forget':
      return `${e.controller}: forget ${e.key} (failures reset)`;
    case 'reconcile.start':
      return `${e.controller}: worker ${e.worker} reconciles ${e.key}`;
    case 'reconcile.step':
      return `${e.controller}: ${e.key} → ${e.step}`;
    case 'reconcile.end':
      return `${e.controller}: ${e.key} → ${e.result}${e.requeueAfterMs ? ` ${e.requeueAfterMs} ms` : ''}${e.error ? `: ${e.error}` : ''}`;
    case 'object.phase':
      return `${e.kind} ${e.key}: ${e.from || '∅'} → ${e.to}`;
    case 'controller.start':
      return `${e.controller} started`;
    case 'controller.crash':
      return `${e.controller} crashed: it restarts with empty memory and relists`;
    case 'fault':
      return `fault ${e.kind} on ${e.target}${e.detail ? ` (${e.detail})` : ''}`;
    case 'user.action':
      return `you: ${e.action} ${e.target}${e.detail ? ` (${e.detail})` : ''}`;
    case 'sim.note':
      return e.message;
  }
}

/** Events of one type ('' for all). Returns the same array when unfiltered. */
export function filterEvents(events: readonly TraceEvent[], type: string): readonly TraceEvent[] {
  return type === '' ? events : events.filter((e) => e.type === type);
}

/** The newest event worth saying aloud (phase changes, faults, crashes, user actions), if any. */
export function narrationOf(recent: readonly TraceEvent[]): TraceEvent | undefined {
  for (let i = recent.length - 1; i >= 0; i--) {
    const e = recent[i]!;
    if (
      e.type === 'object.phase' ||
      e.type === 'fault' ||
      e.type === 'controller.crash' ||
      e.type === 'user.action'
    )
      return e;
  }
  return undefined;
}
