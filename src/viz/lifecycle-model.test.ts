import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine/api/types.ts';
import { machineView } from '../app/lab/capi-views.ts';
import { deletionRail, lifecycleModel, MAX_MARKS_PER_BOX } from './lifecycle-model.ts';

const m = (
  name: string,
  phase: string,
  extra: { deleting?: Record<string, unknown>; status?: Record<string, unknown> } = {},
) =>
  machineView({
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: {
      name,
      namespace: 'default',
      ...(extra.deleting ? { deletionTimestamp: '2026-01-01T00:01:00Z' } : {}),
    },
    status: {
      phase,
      ...(extra.status ?? {}),
      conditions: extra.deleting
        ? [{ type: 'Deleting', status: 'True', lastTransitionTime: '', ...extra.deleting }]
        : [],
    },
  } as KubeObject);

describe('lifecycleModel', () => {
  it('puts every Machine in its phase box and counts them', () => {
    const model = lifecycleModel([m('a', 'Running'), m('b', 'Running'), m('c', 'Provisioning')], {
      selectedKey: 'default/c',
    });
    const count = (p: string) => model.boxes.find((b) => b.phase === p)?.count;
    expect(count('Running')).toBe(2);
    expect(count('Provisioning')).toBe(1);
    const running = model.boxes.find((b) => b.phase === 'Running')!;
    for (const mark of model.marks.filter((k) => k.phase === 'Running')) {
      expect(mark.x).toBeGreaterThan(running.x);
      expect(mark.x).toBeLessThan(running.x + running.w);
      expect(mark.y).toBeLessThan(running.y + running.h);
    }
    expect(model.marks.find((k) => k.selected)?.key).toBe('default/c');
  });

  it('caps drawn marks per box and counts the rest (2,000 Machines stay drawable)', () => {
    const many = Array.from({ length: 2000 }, (_, i) => m(`w${i}`, 'Running'));
    const model = lifecycleModel(many);
    expect(model.marks).toHaveLength(MAX_MARKS_PER_BOX);
    expect(model.boxes.find((b) => b.phase === 'Running')?.hidden).toBe(2000 - MAX_MARKS_PER_BOX);
  });

  it('lists the Machines not drawn with the box that counts them, and only those', () => {
    const many = [
      ...Array.from({ length: MAX_MARKS_PER_BOX + 3 }, (_, i) => m(`w${i}`, 'Provisioning')),
      m('r', 'Running'),
    ];
    const model = lifecycleModel(many);
    const drawn = new Set(model.marks.map((k) => k.key));
    expect([...model.overflow.keys()]).toEqual(many.map((v) => v.key).filter((k) => !drawn.has(k)));
    expect(model.overflow.size).toBe(3);
    expect(new Set(model.overflow.values())).toEqual(new Set(['Provisioning']));
  });

  it('reads a phase it does not know as Unknown, in the Failed/Unknown box (machine_types.go GetTypedPhase)', () => {
    expect(lifecycleModel([m('x', 'Weird')]).marks[0]?.phase).toBe('Weird');
    expect(lifecycleModel([m('x', 'Weird')]).boxes.find((b) => b.phase === 'Failed')?.count).toBe(1);
  });
});

describe('deletionRail (machine_controller.go reconcileDelete order, truth-capi F26)', () => {
  const all = { infraExists: true, bootstrapExists: true, nodeExists: true };

  it('holds at the pre-drain hooks while one is set', () => {
    const v = m('a', 'Deleting', {
      deleting: { reason: 'WaitingForPreDrainHook', message: 'Waiting for pre-drain hooks' },
      status: { deletion: { waitForPreDrainHookStartTime: '2026-01-01T00:01:00Z' } },
    });
    const rail = deletionRail(v, all);
    expect(rail.map((s) => s.state)).toEqual(['current', ...Array(7).fill('pending')]);
  });

  it('marks steps before the current one done when they ran and skipped when they never started', () => {
    const v = m('a', 'Deleting', {
      deleting: { reason: 'WaitingForBootstrapDeletion', message: '' },
      status: { deletion: { nodeDrainStartTime: '2026-01-01T00:01:00Z' } },
    });
    const rail = deletionRail(v, { infraExists: false, bootstrapExists: true, nodeExists: true });
    expect(Object.fromEntries(rail.map((s) => [s.id, s.state]))).toEqual({
      preDrain: 'skipped',
      drain: 'done',
      volumes: 'skipped',
      preTerminate: 'skipped',
      infra: 'done',
      bootstrap: 'current',
      node: 'pending',
      finalizer: 'pending',
    });
  });

  it('is all pending for a Machine that is not deleting', () => {
    expect(deletionRail(m('a', 'Running'), all).every((s) => s.state === 'pending')).toBe(true);
  });
});
