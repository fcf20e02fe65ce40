/**
 * The soak (issue 6, "Must show"): 30 virtual minutes driven as fast as the engine goes behind the HTTP facade,
 * with 5 concurrent HTTP watchers (src/live's reflectors over Node's fetch, each watching ReplicaSets and Pods)
 * and scale loops (merge PATCHes of the scale subresource, plus a few real `kubectl scale` runs). It checks that
 * no request or watch failed (410s relisted are expected), that every watcher's cache ends equal to the
 * server's state, and that the structures with a cap stay within it. Heap use is reported, not asserted.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/api/types.ts';
import { createWorld } from '../engine/world/world.ts';
import type { ResourceRef } from '../live/reflector.ts';
import { createRemoteSource, type RemoteSource } from '../live/remote-source.ts';
import { createTraceFollower, TRACE_KEEP } from '../live/trace-follower.ts';
import { kubeconfigYaml } from './kubeconfig.ts';
import { serveWorld, type Served } from './serve.ts';

const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';
const SOAK_MS = 30 * 60_000;
const STEP_MS = 1000;
const WATCHERS = 5;
const RESOURCES: ResourceRef[] = [
  { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet' },
  { group: '', version: 'v1', plural: 'pods', kind: 'Pod' },
];
const RS = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
    },
  },
};

const world = createWorld({ seed: 7, keepTrace: false });
let served: Served;
let dir: string;
const tick = () => new Promise<void>((r) => setImmediate(r));

/** Resolves once the virtual clock has moved ms past now (the driver moves it). */
async function virtualSleep(ms: number): Promise<void> {
  const until = world.sim.now() + ms;
  while (world.sim.now() < until) await tick();
}

async function eventually(check: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (Date.now() < deadline) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const rvMap = (objs: Iterable<KubeObject>) =>
  Object.fromEntries(
    [...objs].map((o) => [
      `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
      o.metadata.resourceVersion,
    ]),
  );

beforeAll(async () => {
  served = await serveWorld({ world, port: 0, speed: 'max' });
  // This test moves the clock itself, in steps, yielding to HTTP in between.
  served.runtime.stop();
  dir = mkdtempSync(path.join(tmpdir(), 'reconcile-lab-soak-'));
});

afterAll(async () => {
  await served?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('soak: 30 virtual minutes behind the HTTP facade', () => {
  it('serves GET /reconcile-lab/info for attach mode', async () => {
    const r = await fetch(`${served.url}/reconcile-lab/info`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ engine: 'reconcile-lab', t: world.sim.now(), speed: 'max' });
  });

  it('5 watchers and scale loops: no errors, caches equal the server, bounded structures', async () => {
    const created = await fetch(`${served.url}/apis/apps/v1/namespaces/default/replicasets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(RS),
    });
    expect(created.status).toBe(201);
    const heapBefore = process.memoryUsage().heapUsed;

    const sources: RemoteSource[] = [];
    for (let i = 0; i < WATCHERS; i++) {
      const s = createRemoteSource({ base: `${served.url}/`, resources: RESOURCES });
      s.start();
      sources.push(s);
    }
    const trace = createTraceFollower({ base: `${served.url}/` });
    trace.start();
    await Promise.all(sources.map((s) => s.synced()));

    const statuses: number[] = [];
    const kubectlRuns: { code: number; stderr: string }[] = [];
    let running = true;
    const scaleLoop = async (offset: number, everyMs: number) => {
      for (let i = 0; running; i++) {
        const r = await fetch(`${served.url}/apis/apps/v1/namespaces/default/replicasets/web/scale`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/merge-patch+json' },
          body: JSON.stringify({ spec: { replicas: 1 + ((i + offset) % 6) } }),
        });
        statuses.push(r.status);
        await r.arrayBuffer();
        await virtualSleep(everyMs);
      }
    };
    const kubectlLoop = async () => {
      const kubeconfig = path.join(dir, 'kubeconfig');
      writeFileSync(kubeconfig, kubeconfigYaml({ server: served.url }));
      for (let i = 0; i < 3 && running; i++) {
        const cache = mkdtempSync(path.join(dir, 'cache-'));
        kubectlRuns.push(
          await new Promise((resolve) =>
            execFile(
              KUBECTL,
              ['--kubeconfig', kubeconfig, '--cache-dir', cache, 'scale', 'rs', 'web', `--replicas=${2 + i}`],
              { timeout: 30_000 },
              (e, _out, stderr) => resolve({ code: e ? Number(e.code ?? -1) : 0, stderr }),
            ),
          ),
        );
        await virtualSleep(120_000);
      }
    };
    const loops = [
      scaleLoop(0, 7_000),
      scaleLoop(3, 11_000),
      ...(existsSync(KUBECTL) ? [kubectlLoop()] : []),
    ];

    const end = world.sim.now() + SOAK_MS;
    let maxOpen = 0;
    while (world.sim.now() < end) {
      world.sim.scheduler.runUntil(world.sim.now() + STEP_MS);
      maxOpen = Math.max(maxOpen, served.facade.openWatches());
      await tick();
    }
    running = false;
    // Let the loops see `running` and the last writes settle: at least a minute more of virtual time.
    let loopsDone = false;
    const done = Promise.all(loops).then(() => (loopsDone = true));
    const settleUntil = world.sim.now() + 60_000;
    while (world.sim.now() < settleUntil || !loopsDone) {
      world.sim.scheduler.runUntil(world.sim.now() + STEP_MS);
      await tick();
    }
    await done;

    const serverState = () => ({
      ReplicaSet: rvMap(world.api.peek('replicasets.apps')),
      Pod: rvMap(world.api.peek('pods')),
    });
    await eventually(
      () =>
        sources.every((s) => {
          const snap = s.snapshot();
          const want = serverState();
          return (
            JSON.stringify(rvMap(snap.byKind.ReplicaSet ?? [])) === JSON.stringify(want.ReplicaSet) &&
            JSON.stringify(rvMap(snap.byKind.Pod ?? [])) === JSON.stringify(want.Pod)
          );
        }),
      'every watcher to hold the server state',
    );
    for (const s of sources) {
      const snap = s.snapshot();
      expect(rvMap(snap.byKind.Pod ?? [])).toEqual(serverState().Pod);
      for (const r of snap.resources) {
        expect(r.counts.failures, `${r.resource.plural}: ${r.lastError}`).toBe(0);
        // Watches end every 5–10 virtual minutes (timeoutSeconds) and are re-opened: more than one per resource.
        expect(r.counts.watches).toBeGreaterThan(1);
        expect(r.counts.MODIFIED).toBeGreaterThan(0);
      }
    }
    expect(statuses.length).toBeGreaterThan(100);
    expect(statuses.filter((c) => c !== 200)).toEqual([]);
    for (const k of kubectlRuns) expect(k).toEqual({ code: 0, stderr: '' });

    // Structural bounds: the trace ring, the trace follower's ring, the open watches.
    expect(world.sim.trace.recent().length).toBeLessThanOrEqual(5000);
    expect(world.sim.trace.all()).toHaveLength(0);
    expect(trace.snapshot().recent.length).toBeLessThanOrEqual(TRACE_KEEP);
    expect(trace.snapshot().received).toBeGreaterThan(TRACE_KEEP);
    expect(maxOpen).toBeLessThanOrEqual(WATCHERS * RESOURCES.length);
    expect(served.facade.openWatches()).toBeLessThanOrEqual(WATCHERS * RESOURCES.length);
    // The engine's own informers hold the rest; every HTTP watch holds exactly one engine watch.
    const internal = world.api.openWatches() - served.facade.openWatches();
    for (const s of sources) s.stop();
    trace.stop();
    await eventually(() => served.facade.openWatches() === 0, 'the facade to close stopped watches');
    expect(world.api.openWatches()).toBe(internal);
    const heapAfter = process.memoryUsage().heapUsed;
    console.log(
      `soak: ${world.sim.now() / 60_000} virtual min, ${statuses.length} scale PATCHes, ${kubectlRuns.length} kubectl runs, ` +
        `heap ${(heapBefore / 2 ** 20).toFixed(1)} MB → ${(heapAfter / 2 ** 20).toFixed(1)} MB, ` +
        `watch events per watcher ${sources[0]!.snapshot().watchEvents}, 410 relists ${sources.reduce((n, s) => n + s.snapshot().resources.reduce((m, r) => m + r.counts.expired, 0), 0)}`,
    );
  }, 300_000);
});
