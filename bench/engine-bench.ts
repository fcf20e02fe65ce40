/**
 * Engine benchmarks (issue: engine and foundation): API writes, watch fan-out to informers, workqueue
 * operations, and the ReplicaSet scenario at 1,000 and 10,000 Pods brought to Ready.
 */
import { createApiServer } from '../src/engine/api/server.ts';
import type { KubeObject } from '../src/engine/api/types.ts';
import { createInformerFactory } from '../src/engine/client/informer-factory.ts';
import { defaultControllerRateLimiter } from '../src/engine/client/rate-limiters.ts';
import { createWorkQueue } from '../src/engine/client/workqueue.ts';
import { createSim } from '../src/engine/sim/sim.ts';
import { webReplicaSet } from '../src/engine/world/example-objects.ts';
import { createWorld } from '../src/engine/world/world.ts';
import { createHeapSampler, round, timeIt, type Figure } from './measure.ts';

const configMap = (i: number): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: `cm-${i}`, namespace: 'default' },
  data: { value: String(i) },
});

export function apiWrites(n = 20_000): Figure[] {
  const sim = createSim({ seed: 1, keepAll: false });
  const api = createApiServer(sim, { garbageCollector: false });
  const { ms } = timeIt(() => {
    for (let i = 0; i < n; i++) api.create('configmaps', configMap(i), { actor: 'bench' });
    for (let i = 0; i < n; i++) {
      api.patch(
        'configmaps',
        'default',
        `cm-${i}`,
        'merge',
        { data: { value: `v${i}` } },
        { actor: 'bench' },
      );
    }
  });
  return [{ name: 'api writes per second', value: Math.round((2 * n) / (ms / 1000)), unit: 'writes/s' }];
}

export function watchFanOut(writes = 10_000, informers = 10): Figure[] {
  const sim = createSim({ seed: 1, keepAll: false });
  const api = createApiServer(sim, { garbageCollector: false, minRequestTimeoutMs: 0 });
  const factories = Array.from({ length: informers }, (_, i) =>
    createInformerFactory(sim, api, { name: `mgr-${i}`, resyncMs: 0 }),
  );
  for (const f of factories) f.informerFor('configmaps');
  for (const f of factories) f.start();
  sim.scheduler.runUntil(1000);
  let delivered = 0;
  const off = sim.trace.subscribe((e) => {
    if (e.type === 'informer.update') delivered++;
  });
  const { ms } = timeIt(() => {
    for (let i = 0; i < writes; i++) api.create('configmaps', configMap(i), { actor: 'bench' });
    sim.scheduler.runUntil(sim.now() + 60_000);
  });
  off();
  if (delivered !== writes * informers) {
    throw new Error(`watch fan-out: expected ${writes * informers} deliveries, got ${delivered}`);
  }
  return [
    {
      name: `watch events per second delivered to ${informers} informers`,
      value: Math.round(delivered / (ms / 1000)),
      unit: 'events/s',
    },
  ];
}

export function workqueueOps(items = 1000, rounds = 200): Figure[] {
  const sim = createSim({ seed: 1, keepAll: false });
  // With the trace on, as a controller runs it: every operation also emits its queue.* event.
  const q = createWorkQueue<string>({
    scheduler: sim.scheduler,
    rateLimiter: defaultControllerRateLimiter(sim.scheduler),
    name: 'bench',
    trace: sim.trace,
  });
  const keys = Array.from({ length: items }, (_, i) => `default/item-${i}`);
  let ops = 0;
  const { ms } = timeIt(() => {
    for (let r = 0; r < rounds; r++) {
      for (const k of keys) {
        q.add(k);
        q.add(k); // deduplicated
        ops += 2;
      }
      for (;;) {
        const got = q.get();
        if (got === undefined) break;
        q.done(got.item);
        ops += 2;
      }
    }
  });
  return [{ name: 'workqueue operations per second', value: Math.round(ops / (ms / 1000)), unit: 'ops/s' }];
}

export function replicaSetScenario(pods: number): Figure[] {
  const heap = createHeapSampler();
  const world = createWorld({
    seed: 1,
    keepTrace: false,
    objects: [webReplicaSet(pods)],
  });
  let steps = 0;
  const { ms, cpuMs, result } = timeIt(() => {
    const deadline = 2 * 3_600_000;
    while (!world.isConverged() && world.sim.now() < deadline) {
      if (!world.step()) break;
      if (++steps % 5000 === 0) heap.sample();
    }
    heap.sample();
    return world.isConverged();
  });
  if (!result) throw new Error(`ReplicaSet scenario with ${pods} pods did not converge`);
  let ready = 0;
  for (const p of world.api.peek('pods')) if (p.status?.phase === 'Running') ready++;
  if (ready !== pods) throw new Error(`expected ${pods} running pods, got ${ready}`);
  const label = `replicaset ${pods.toLocaleString('en-US')} pods`;
  return [
    { name: `${label}: wall time`, value: round(ms), unit: 'ms' },
    { name: `${label}: cpu time`, value: round(cpuMs), unit: 'ms' },
    { name: `${label}: virtual time`, value: round(world.sim.now() / 1000, 2), unit: 's' },
    {
      name: `${label}: objects ready per wall second`,
      value: Math.round(pods / (ms / 1000)),
      unit: 'objects/s',
    },
    { name: `${label}: scheduler events`, value: world.sim.scheduler.executed(), unit: 'events' },
    { name: `${label}: peak heap`, value: round(heap.peakMiB()), unit: 'MiB' },
  ];
}
