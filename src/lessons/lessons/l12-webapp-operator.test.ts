/** Lesson L12's teaching WebApp operator, driven through a world: registration, its three toggles, cleanup. */
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/types.ts';
import {
  CREDENTIALS_ANNOTATION,
  PHASE_ANNOTATION,
  READY_ANNOTATION,
  WEBAPP_LABEL,
  WEBAPP_NAME_LABEL,
  WEBAPP_OPERATOR,
} from '../../engine/controllers/teaching/webapp-operator.ts';
import { webAppListing } from '../../engine/controllers/teaching/webapp-listing.ts';
import { readParams } from '../../engine/world/params.ts';
import { createWorld } from '../../engine/world/world.ts';

function webApp(name: string, replicas: string, app = 'shop'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'default', labels: { [WEBAPP_LABEL]: 'true' } },
    data: { replicas, app },
  };
}

function world(params: Record<string, string | number>, objects: KubeObject[] = [webApp('web', '3')]) {
  const w = createWorld({ seed: 1, objects, params: { webappOperator: 'on', ...params } });
  let created = 0;
  let deleted = 0;
  w.api.onCommit((e) => {
    if (e.obj.kind !== 'Pod') return;
    if (e.type === 'ADDED') created++;
    if (e.type === 'DELETED') deleted++;
  });
  return { w, pods: () => ({ created, deleted }) };
}

const podsOf = (w: ReturnType<typeof createWorld>, owner: string) =>
  [...w.api.peek('pods')].filter((p) => p.metadata.labels?.[WEBAPP_NAME_LABEL] === owner);
const annotationsOf = (w: ReturnType<typeof createWorld>, name: string) =>
  [...w.api.peek('configmaps')].find((c) => c.metadata.name === name)!.metadata.annotations ?? {};

describe('webapp operator', () => {
  it('is registered only when webappOperator is on; its toggles are checked', () => {
    expect(createWorld({ seed: 1 }).controllers.has(WEBAPP_OPERATOR)).toBe(false);
    expect(world({}).w.controllers.has(WEBAPP_OPERATOR)).toBe(true);
    expect(() => readParams({ operatorWriteOrder: 'sometimes' })).toThrow(
      /operatorWriteOrder: must be one of record-first, act-first/,
    );
    expect(() => readParams({ operatorSelectBy: 'name' })).toThrow(/must be one of uid, label/);
    expect(() => readParams({ operatorExpectations: false })).toThrow(/must be one of on, off/);
    expect(() => readParams({ operatorCrashes: 11 })).toThrow(
      /operatorCrashes: must be a number from 0 to 10/,
    );
    const d = readParams({});
    expect([d.webappOperator, d.operatorWriteOrder, d.operatorSelectBy, d.operatorExpectations]).toEqual([
      'off',
      'record-first',
      'uid',
      'on',
    ]);
  });

  it('with the right choices: one Secret, replicas Pods owned by UID, progress recorded', () => {
    const { w, pods } = world({ watchLatencyMs: 2000, operatorCrashes: 1 });
    expect(w.runToConvergence(60_000).converged).toBe(true);
    const app = [...w.api.peek('configmaps')].find((c) => c.metadata.name === 'web')!;
    const secrets = [...w.api.peek('secrets')];
    expect(secrets.map((s) => s.metadata.name)).toEqual([app.metadata.annotations?.[CREDENTIALS_ANNOTATION]]);
    const own = podsOf(w, 'web');
    expect(own).toHaveLength(3);
    for (const p of own)
      expect(p.metadata.ownerReferences?.[0]).toMatchObject({ uid: app.metadata.uid, controller: true });
    expect(pods()).toEqual({ created: 3, deleted: 0 });
    expect(annotationsOf(w, 'web')).toMatchObject({ [READY_ANNOTATION]: '3', [PHASE_ANNOTATION]: 'Ready' });
  });

  // lessons-research BL-02 / casskop#370: a crash between the side effect and its record repeats the side effect.
  it('write order: a crash between the writes duplicates the Secret only when acting first', () => {
    for (const [order, crashes, want] of [
      ['act-first', 1, 2],
      ['act-first', 0, 1],
      ['record-first', 1, 1],
      ['record-first', 3, 1],
    ] as const) {
      const { w } = world({ operatorWriteOrder: order, operatorCrashes: crashes, watchLatencyMs: 2000 });
      expect(w.runToConvergence(60_000).converged).toBe(true);
      const names = [...w.api.peek('secrets')].map((s) => s.metadata.name);
      expect(names, `${order} with ${crashes} crashes`).toHaveLength(want);
      // Whatever happened, the recorded name is one that exists.
      expect(names).toContain(annotationsOf(w, 'web')[CREDENTIALS_ANNOTATION]);
    }
  });

  // kubernetes pkg/controller/controller_utils.go ControllerExpectations: without them a lagging cache over-creates.
  it('expectations: off over-creates behind a slow watch, on creates exactly replicas', () => {
    const off = world({ operatorExpectations: 'off', watchLatencyMs: 2000 });
    expect(off.w.runToConvergence(60_000).converged).toBe(true);
    expect(off.pods().created).toBeGreaterThan(3);
    expect(off.pods().deleted).toBe(off.pods().created - 3);
    expect(podsOf(off.w, 'web')).toHaveLength(3);

    const on = world({ operatorExpectations: 'on', watchLatencyMs: 2000 });
    expect(on.w.runToConvergence(60_000).converged).toBe(true);
    expect(on.pods()).toEqual({ created: 3, deleted: 0 });

    // The bug needs both: with an up-to-date cache, no expectations do no harm.
    const fast = world({ operatorExpectations: 'off', watchLatencyMs: 0 });
    expect(fast.w.runToConvergence(60_000).converged).toBe(true);
    expect(fast.pods()).toEqual({ created: 3, deleted: 0 });
  });

  // kubernetes design-proposals controller-ref.md: overlapping selectors make controllers fight.
  it('select by label: two WebApps sharing the app label delete each other’s Pods; by UID they do not', () => {
    const both = [webApp('web', '3'), webApp('web-canary', '1')];
    const label = world({ operatorSelectBy: 'label', watchLatencyMs: 2000 }, both);
    label.w.runToConvergence(60_000);
    expect(label.pods().deleted).toBeGreaterThan(0);
    expect(podsOf(label.w, 'web').length + podsOf(label.w, 'web-canary').length).toBeLessThan(4);

    const uid = world({ operatorSelectBy: 'uid', watchLatencyMs: 2000 }, both);
    expect(uid.w.runToConvergence(60_000).converged).toBe(true);
    expect(uid.pods()).toEqual({ created: 4, deleted: 0 });
    expect(podsOf(uid.w, 'web')).toHaveLength(3);
    expect(podsOf(uid.w, 'web-canary')).toHaveLength(1);
  });

  it('scales with data.replicas and leaves cleanup of a deleted WebApp to the garbage collector', () => {
    const { w } = world({});
    w.runToConvergence(60_000);
    w.act({
      action: 'patch',
      target: { kind: 'ConfigMap', name: 'web', namespace: 'default' },
      patch: { data: { replicas: '1' } },
    });
    expect(w.runToConvergence(60_000).converged).toBe(true);
    expect(podsOf(w, 'web')).toHaveLength(1);
    w.act({ action: 'delete', target: { kind: 'ConfigMap', name: 'web', namespace: 'default' } });
    expect(w.runToConvergence(120_000).converged).toBe(true);
    expect([...w.api.peek('pods')]).toHaveLength(0);
    expect([...w.api.peek('secrets')]).toHaveLength(0);
  });

  it('a WebApp with bad replicas gets nothing and no retry loop', () => {
    const { w } = world({}, [webApp('web', 'three')]);
    expect(w.runToConvergence(60_000).converged).toBe(true);
    expect([...w.api.peek('pods')]).toHaveLength(0);
    expect([...w.api.peek('secrets')]).toHaveLength(0);
  });

  it('every step the operator reports is a line of its listing, for each combination of toggles', () => {
    for (const writeOrder of ['record-first', 'act-first'] as const)
      for (const selectBy of ['uid', 'label'] as const)
        for (const expectations of ['on', 'off'] as const) {
          const listing = webAppListing({ writeOrder, selectBy, expectations });
          const { w } = world({
            operatorWriteOrder: writeOrder,
            operatorSelectBy: selectBy,
            operatorExpectations: expectations,
          });
          const seen = new Set<string>();
          w.sim.trace.subscribe((e) => {
            const r = e as unknown as { type: string; controller?: string; step?: string };
            if (r.type === 'reconcile.step' && r.controller === WEBAPP_OPERATOR) seen.add(r.step!);
          });
          w.runToConvergence(60_000);
          expect(seen.size).toBeGreaterThan(3);
          for (const step of seen) {
            const lines = listing.steps[step];
            expect(lines, step).toBeDefined();
            for (const l of lines!) expect(listing.lines[l - 1]).toBeTypeOf('string');
          }
        }
  });

  it('the listing shows the toggled lines', () => {
    const right = webAppListing({
      writeOrder: 'record-first',
      selectBy: 'uid',
      expectations: 'on',
    }).lines.join('\n');
    const wrong = webAppListing({
      writeOrder: 'act-first',
      selectBy: 'label',
      expectations: 'off',
    }).lines.join('\n');
    expect(right).toMatch(/SatisfiedExpectations/);
    expect(wrong).not.toMatch(/SatisfiedExpectations/);
    expect(right).toMatch(/app\.UID/);
    expect(wrong).toMatch(/MatchingLabels/);
    expect(right.indexOf('Status().Update')).toBeLessThan(right.indexOf('r.Create(ctx, credentials'));
    expect(wrong.indexOf('r.Create(ctx, secret)')).toBeLessThan(wrong.indexOf('Status().Update'));
  });
});
