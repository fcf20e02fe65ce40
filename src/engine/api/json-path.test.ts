import { describe, expect, it } from 'vitest';
import { evalJsonPath, getPath, setPath } from './json-path.ts';

const obj = {
  metadata: { labels: { 'cluster.x-k8s.io/cluster-name': 'demo' } },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } } },
  status: {
    conditions: [
      { type: 'Ready', status: 'True' },
      { type: 'Available', status: 'False' },
    ],
  },
};

describe('JSONPath subset (CRD additionalPrinterColumns, scale paths)', () => {
  it('reads dotted paths and quoted keys with escaped dots', () => {
    expect(getPath(obj, '.spec.replicas')).toBe(3);
    expect(getPath(obj, ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']")).toBe('demo');
    expect(getPath(obj, '.metadata.labels.cluster\\.x-k8s\\.io/cluster-name')).toBe('demo');
  });
  it('supports indexes, wildcards and == filters', () => {
    expect(getPath(obj, '.spec.template.spec.containers[1].name')).toBe('b');
    expect(evalJsonPath(obj, '.spec.template.spec.containers[*].name')).toEqual(['a', 'b']);
    expect(getPath(obj, '.status.conditions[?(@.type=="Ready")].status')).toBe('True');
    expect(getPath(obj, ".status.conditions[?(@.type=='Available')].status")).toBe('False');
  });
  it('returns undefined for missing values', () => {
    expect(getPath(obj, '.status.readyReplicas')).toBeUndefined();
  });
  it('sets values, creating objects on the way', () => {
    const o: Record<string, unknown> = {};
    setPath(o, '.spec.replicas', 5);
    expect(o).toEqual({ spec: { replicas: 5 } });
    expect(() => setPath(o, '.a[*]', 1)).toThrow(/cannot set/);
  });
});
