import { describe, expect, it } from 'vitest';
import { applyStrategicMergePatch, StrategicMergePatchError } from './strategic-merge-patch.ts';

const deploy = () => ({
  metadata: { name: 'web', finalizers: ['a'], labels: { app: 'web' } },
  spec: {
    template: {
      spec: {
        containers: [
          {
            name: 'nginx',
            image: 'nginx:1.27',
            env: [{ name: 'A', value: '1' }],
            ports: [{ containerPort: 80 }],
          },
          { name: 'sidecar', image: 'busybox' },
        ],
        tolerations: [{ key: 'x' }],
      },
    },
  },
});

describe('strategicpatch (simplified merge-key table)', () => {
  it('merges containers by name instead of replacing the list', () => {
    const out = applyStrategicMergePatch(deploy(), {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } },
    });
    expect(out.spec.template.spec.containers).toEqual([
      {
        name: 'nginx',
        image: 'nginx:1.28',
        env: [{ name: 'A', value: '1' }],
        ports: [{ containerPort: 80 }],
      },
      { name: 'sidecar', image: 'busybox' },
    ]);
  });
  it('merges nested env by name and ports by containerPort; appends new elements', () => {
    const out = applyStrategicMergePatch(deploy(), {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'nginx',
                env: [{ name: 'B', value: '2' }],
                ports: [{ containerPort: 80, name: 'http' }],
              },
            ],
          },
        },
      },
    });
    const c = out.spec.template.spec.containers[0]!;
    expect(c.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'B', value: '2' },
    ]);
    expect(c.ports).toEqual([{ containerPort: 80, name: 'http' }]);
  });
  it('replaces lists without a merge key (tolerations are atomic)', () => {
    const out = applyStrategicMergePatch(deploy(), {
      spec: { template: { spec: { tolerations: [{ key: 'y' }] } } },
    });
    expect(out.spec.template.spec.tolerations).toEqual([{ key: 'y' }]);
  });
  it('$patch: delete removes a list element by key', () => {
    const out = applyStrategicMergePatch(deploy(), {
      spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } },
    });
    expect(out.spec.template.spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });
  it('$patch: replace replaces a map or a whole list', () => {
    const m = applyStrategicMergePatch(deploy(), { metadata: { labels: { tier: 'fe', $patch: 'replace' } } });
    expect(m.metadata.labels).toEqual({ tier: 'fe' });
    const l = applyStrategicMergePatch(deploy(), {
      spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'only', image: 'x' }] } } },
    });
    expect(l.spec.template.spec.containers).toEqual([{ name: 'only', image: 'x' }]);
  });
  it('$setElementOrder orders the list and is never stored (what kubectl apply sends, REC:apply-deploy-update)', () => {
    const out = applyStrategicMergePatch(deploy(), {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }],
            containers: [{ image: 'nginx:1.28', name: 'nginx' }],
          },
        },
      },
    });
    expect(out.spec.template.spec.containers.map((c) => [c.name, c.image])).toEqual([
      ['sidecar', 'busybox'],
      ['nginx', 'nginx:1.28'],
    ]);
    expect(JSON.stringify(out)).not.toContain('$');
  });
  it('merges metadata.finalizers as a set and honours $deleteFromPrimitiveList', () => {
    const added = applyStrategicMergePatch(deploy(), { metadata: { finalizers: ['b', 'a'] } });
    expect(added.metadata.finalizers).toEqual(['a', 'b']);
    const removed = applyStrategicMergePatch(deploy(), {
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a'] },
    });
    expect(removed.metadata.finalizers).toEqual([]);
  });
  it('$retainKeys drops the keys it does not list', () => {
    const out = applyStrategicMergePatch(
      { spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } },
      { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } },
    );
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
  });
  it('null deletes a field; the input is not modified', () => {
    const input = deploy();
    const out = applyStrategicMergePatch(input, { metadata: { labels: null } });
    expect(out.metadata).not.toHaveProperty('labels');
    expect(input.metadata.labels).toEqual({ app: 'web' });
  });
  it('rejects elements that lack the merge key and unknown $patch values', () => {
    expect(() =>
      applyStrategicMergePatch(deploy(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } }),
    ).toThrow(StrategicMergePatchError);
    expect(() => applyStrategicMergePatch(deploy(), { spec: { $patch: 'frob' } })).toThrow(
      /unknown patch type/,
    );
  });
});
