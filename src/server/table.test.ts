import { describe, expect, it } from 'vitest';
import type { ResourceDefinition } from '../engine/api/resource.ts';
import { virtualTimestamp } from '../engine/sim/timestamp.ts';
import { humanDuration, toTable, wantsTable } from './table.ts';

describe('humanDuration (apimachinery pkg/util/duration HumanDuration)', () => {
  it.each([
    [-5000, '<invalid>'],
    [-1000, '0s'],
    [59_000, '59s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [150_000, '2m30s'],
    [600_000, '10m'],
    [3 * 3_600_000, '3h'],
    [3 * 3_600_000 + 5 * 60_000, '3h5m'],
    [47 * 3_600_000, '47h'],
    [50 * 3_600_000, '2d2h'],
    [30 * 86_400_000, '30d'],
    [3 * 365 * 86_400_000 + 86_400_000, '3y1d'],
    [9 * 365 * 86_400_000, '9y'],
  ])('%d ms → %s', (ms, text) => {
    expect(humanDuration(ms)).toBe(text);
  });
});

const def: ResourceDefinition = {
  group: 'example.com',
  versions: ['v1'],
  kind: 'Widget',
  listKind: 'WidgetList',
  plural: 'widgets',
  singular: 'widget',
  scope: 'Namespaced',
  printerColumns: [
    { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
    { name: 'Phase', type: 'string', jsonPath: '.status.phase', priority: 1 },
    { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
  ],
};

describe('toTable', () => {
  it('puts Name first, the printer columns after, nulls for missing values, ages on the virtual clock', () => {
    const obj = {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'w', namespace: 'd', creationTimestamp: virtualTimestamp(10_000) },
      spec: { size: 3 },
    };
    const t = toTable(def, [obj], 70_000, { resourceVersion: '5' });
    expect(t.columnDefinitions.map((c) => [c.name, c.priority])).toEqual([
      ['Name', 0],
      ['Size', 0],
      ['Phase', 1],
      ['Age', 0],
    ]);
    expect(t.rows[0]!.cells).toEqual(['w', 3, null, '60s']);
    expect(t.rows[0]!.object).toEqual({
      kind: 'PartialObjectMetadata',
      apiVersion: 'meta.k8s.io/v1',
      metadata: obj.metadata,
    });
    expect(t.metadata.resourceVersion).toBe('5');
  });

  it('prints <none> for an empty string cell of a built-in kind (printers.go)', () => {
    const builtin = { ...def, builtin: true };
    const t = toTable(builtin, [{ apiVersion: 'v1', kind: 'Widget', metadata: { name: 'w' } }], 0, {
      include: 'None',
    });
    expect(t.rows[0]!.cells[2]).toBe('<none>');
    expect(t.rows[0]!.object).toBeUndefined();
  });

  it('recognises the Table Accept header kubectl sends', () => {
    expect(wantsTable('application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).toBe(true);
    expect(wantsTable('application/json')).toBe(false);
    expect(wantsTable(undefined)).toBe(false);
  });
});
