import { describe, expect, it } from 'vitest';
import { isNotFound, type KubeObject } from '../api/types.ts';
import { createSim } from '../sim/sim.ts';
import { createCacheAccess, createReconcileClient } from './reconcile-context.ts';
import type { ApiCall, CallEffect } from './reconciler.ts';
import { createTestApi, widget as widgetNamed, WIDGETS } from './testing/test-api.ts';
import { createInformerFactory } from './informer-factory.ts';

/** Drives one client call to completion, as the runner would with no latency. */
function perform<T>(call: ApiCall<T>): T {
  const step = call.next();
  if (step.done) return step.value;
  const effect = step.value as CallEffect;
  let value: unknown;
  try {
    value = effect.run();
  } catch (e) {
    const thrown = call.throw(e);
    if (thrown.done) return thrown.value;
    throw new Error('call yielded twice');
  }
  const end = call.next(value);
  if (!end.done) throw new Error('call yielded twice');
  return end.value;
}

const widget: KubeObject = widgetNamed('w');

describe('reconcile client and cache access', () => {
  it('every client method is one call effect naming verb, resource and object, and returns the server’s answer', () => {
    const sim = createSim({ seed: 1 });
    const api = createTestApi(sim);
    const client = createReconcileClient(api, 'widget-controller');
    const first = client.create(WIDGETS, widget).next().value as CallEffect;
    expect(first).toMatchObject({
      kind: 'call',
      verb: 'create',
      resource: WIDGETS,
      namespace: 'default',
      name: 'w',
    });
    const created = perform(client.create(WIDGETS, widget));
    const patched = perform(client.patch(WIDGETS, 'default', 'w', 'merge', { spec: { size: 2 } }));
    expect(patched.metadata.generation).toBe(2);
    const updated = perform(client.updateStatus(WIDGETS, { ...patched, status: { ok: true } }));
    expect(updated.status).toEqual({ ok: true });
    expect(perform(client.list(WIDGETS, { namespace: 'default' })).items).toHaveLength(1);
    expect(perform(client.get(WIDGETS, 'default', 'w')).metadata.uid).toBe(created.metadata.uid);
    expect(perform(client.delete(WIDGETS, 'default', 'w')).deleted).toBe(true);
    let error: unknown;
    try {
      perform(client.get(WIDGETS, 'default', 'w'));
    } catch (e) {
      error = e;
    }
    expect(isNotFound(error)).toBe(true);
  });

  it('cache access serves declared resources from their informers and refuses the others', () => {
    const sim = createSim({ seed: 1 });
    const api = createTestApi(sim);
    api.create(WIDGETS, widget);
    const factory = createInformerFactory(sim, api, { resyncMs: 0 });
    const cache = createCacheAccess('c', [WIDGETS], factory.informerFor);
    factory.informerFor(WIDGETS);
    factory.start();
    sim.scheduler.runUntil(1);
    expect(cache(WIDGETS).get('default', 'w')?.metadata.name).toBe('w');
    expect(cache(WIDGETS).list({ labelSelector: 'x' })).toEqual([]);
    expect(cache(WIDGETS)).toBe(cache(WIDGETS));
    expect(() => cache('pods')).toThrow(
      /reads pods from the cache but neither watches it nor lists it in reads/,
    );
  });
});
