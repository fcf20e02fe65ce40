import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../engine/sim/trace.ts';
import { createWorld } from '../../engine/world/world.ts';
import { kindLookupOf } from './kinds.ts';
import {
  createFacetScanner,
  createIncrementalLog,
  filterLog,
  NO_FILTER,
  refOfEvent,
  refOfKey,
  type KindLookup,
} from './log-filter.ts';
import { loadLabScenario } from './scenario.ts';

const kinds: KindLookup = {
  ofResource: (r) => ({ pods: 'Pod', 'replicasets.apps': 'ReplicaSet' })[r],
  ofController: (c) => ({ 'replicaset-controller': 'ReplicaSet', kubelet: 'Pod' })[c],
};

const ev = (seq: number, e: Record<string, unknown>) => ({ t: seq * 10, seq, ...e }) as unknown as TraceEvent;

const events: TraceEvent[] = [
  ev(1, {
    type: 'api.request',
    verb: 'create',
    resource: 'pods',
    namespace: 'default',
    name: 'web-a',
    actor: 'rs',
    reqId: 1,
  }),
  ev(2, { type: 'queue.add', controller: 'replicaset-controller', key: 'default/web', deduped: false }),
  ev(3, { type: 'object.phase', kind: 'Pod', key: 'default/web-a', from: 'Pending', to: 'Running' }),
  ev(4, { type: 'fault', kind: 'watchExpire', target: '*' }),
];

describe('refOfEvent', () => {
  it('names the object of API requests, queue keys and phase changes', () => {
    expect(refOfEvent(events[0]!, kinds)).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-a' });
    expect(refOfEvent(events[1]!, kinds)).toEqual({ kind: 'ReplicaSet', namespace: 'default', name: 'web' });
    expect(refOfEvent(events[2]!, kinds)).toEqual({ kind: 'Pod', namespace: 'default', name: 'web-a' });
    expect(refOfEvent(events[3]!, kinds)).toBeUndefined();
  });
  it('reads cluster-scoped keys (client-go MetaNamespaceKeyFunc: no namespace, no slash)', () => {
    expect(refOfKey('Namespace', 'default')).toEqual({ kind: 'Namespace', name: 'default' });
  });
});

describe('filterLog', () => {
  it('returns the same array unfiltered, and filters by type, kind and text together', () => {
    expect(filterLog(events, NO_FILTER, kinds)).toBe(events);
    expect(filterLog(events, { type: '', kind: 'Pod', text: '' }, kinds).map((e) => e.seq)).toEqual([1, 3]);
    expect(
      filterLog(events, { type: 'object.phase', kind: 'Pod', text: '' }, kinds).map((e) => e.seq),
    ).toEqual([3]);
    expect(filterLog(events, { type: '', kind: '', text: 'RUNNING' }, kinds).map((e) => e.seq)).toEqual([3]);
    expect(filterLog(events, { type: '', kind: '', text: 'watchexpire' }, kinds).map((e) => e.seq)).toEqual([
      4,
    ]);
  });
});

describe('createIncrementalLog', () => {
  it('filters only what was appended, and starts over for a new trace or filter', () => {
    const log = createIncrementalLog();
    const trace = events.slice(0, 2);
    const f = { type: '', kind: 'Pod', text: '' };
    expect(log.rows(trace, f, kinds).map((e) => e.seq)).toEqual([1]);
    trace.push(events[2]!, events[3]!);
    expect(log.rows(trace, f, kinds).map((e) => e.seq)).toEqual([1, 3]);
    expect(log.rows(trace, { ...f, kind: 'ReplicaSet' }, kinds).map((e) => e.seq)).toEqual([2]);
    expect(log.rows(events.slice(2), f, kinds).map((e) => e.seq)).toEqual([3]);
  });
});

describe('createFacetScanner', () => {
  it('collects types and kinds from appended events only, keeping the arrays until a new one appears', () => {
    const facets = createFacetScanner();
    const trace = events.slice(0, 1);
    const first = facets.scan(trace, kinds);
    expect(first).toEqual({ types: ['api.request'], kinds: ['Pod'] });
    expect(facets.scan(trace, kinds)).toBe(first);
    trace.push(events[1]!, events[2]!);
    expect(facets.scan(trace, kinds)).toEqual({
      types: ['api.request', 'object.phase', 'queue.add'],
      kinds: ['Pod', 'ReplicaSet'],
    });
    // A new trace (reset, seek back) starts over rather than keeping kinds it no longer holds.
    expect(facets.scan(events.slice(3), kinds)).toEqual({ types: ['fault'], kinds: [] });
  });
});

describe('kindLookupOf', () => {
  it("maps a controller to its For() resource's kind and a resource id to its kind", () => {
    const k = kindLookupOf(createWorld(loadLabScenario('replicaset').options));
    expect(k.ofController('replicaset-controller')).toBe('ReplicaSet');
    expect(k.ofController('kubelet')).toBe('Pod');
    expect(k.ofResource('replicasets.apps')).toBe('ReplicaSet');
    expect(k.ofController('nope')).toBeUndefined();
  });
});
