import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../api/types.ts';
import {
  and,
  annotationChangedPredicate,
  firstRejecting,
  funcsPredicate,
  generationChangedPredicate,
  labelChangedPredicate,
  not,
  or,
  passes,
  resourceVersionChangedPredicate,
} from './predicates.ts';

const obj = (meta: Partial<KubeObject['metadata']>, status?: Record<string, unknown>): KubeObject => ({
  apiVersion: 'example.com/v1',
  kind: 'Widget',
  metadata: { namespace: 'ns', name: 'w', ...meta },
  spec: { size: 1 },
  status,
});

describe('controller-runtime pkg/predicate/predicate.go', () => {
  const v1 = obj({ generation: 1, resourceVersion: '10' });
  const statusOnly = obj({ generation: 1, resourceVersion: '11' }, { ready: true });
  const specChange = obj({ generation: 2, resourceVersion: '12' });

  it('TypedGenerationChangedPredicate.Update drops status-only writes and resyncs, passes spec changes', () => {
    const p = generationChangedPredicate();
    expect(passes(p, 'update', { objectOld: v1, objectNew: statusOnly })).toBe(false);
    expect(passes(p, 'update', { objectOld: v1, objectNew: v1 })).toBe(false);
    expect(passes(p, 'update', { objectOld: statusOnly, objectNew: specChange })).toBe(true);
  });

  it('TypedFuncs: create, delete and generic always pass when no function is set (GenerationChanged)', () => {
    const p = generationChangedPredicate();
    expect(passes(p, 'create', { object: v1, isInInitialList: true })).toBe(true);
    expect(passes(p, 'delete', { object: v1, deleteStateUnknown: false })).toBe(true);
    expect(passes(p, 'generic', { object: v1 })).toBe(true);
  });

  it('TypedResourceVersionChangedPredicate.Update drops same-RV updates (resyncs) only', () => {
    const p = resourceVersionChangedPredicate();
    expect(passes(p, 'update', { objectOld: v1, objectNew: v1 })).toBe(false);
    expect(passes(p, 'update', { objectOld: v1, objectNew: statusOnly })).toBe(true);
  });

  it('Label and annotation predicates compare like reflect.DeepEqual (absent differs from empty)', () => {
    const a = obj({ labels: { app: 'x' } });
    const b = obj({ labels: { app: 'y' } });
    const none = obj({});
    const empty = obj({ labels: {}, annotations: {} });
    expect(passes(labelChangedPredicate(), 'update', { objectOld: a, objectNew: b })).toBe(true);
    expect(
      passes(labelChangedPredicate(), 'update', { objectOld: a, objectNew: obj({ labels: { app: 'x' } }) }),
    ).toBe(false);
    expect(passes(labelChangedPredicate(), 'update', { objectOld: none, objectNew: empty })).toBe(true);
    expect(passes(annotationChangedPredicate(), 'update', { objectOld: a, objectNew: b })).toBe(false);
  });

  it('And, Or, Not and Funcs combine; firstRejecting names the predicate that dropped the event', () => {
    const onlyWeb = funcsPredicate({ name: 'onlyWeb', create: (e) => e.object.metadata.name === 'web' });
    const e = { object: v1, isInInitialList: false };
    expect(passes(onlyWeb, 'create', e)).toBe(false);
    expect(passes(not(onlyWeb), 'create', e)).toBe(true);
    expect(passes(or(onlyWeb, generationChangedPredicate()), 'create', e)).toBe(true);
    expect(passes(and(onlyWeb, generationChangedPredicate()), 'create', e)).toBe(false);
    expect(firstRejecting([generationChangedPredicate(), onlyWeb], 'create', e)?.name).toBe('onlyWeb');
    expect(firstRejecting([generationChangedPredicate()], 'create', e)).toBeUndefined();
  });
});
