import { describe, expect, it } from 'vitest';
import { createRegistry } from './registry.ts';
import { appsResources } from './resources/apps.ts';
import { coreResources } from './resources/core.ts';
import { gadgetResource, widgetResource } from './testing.ts';

const registry = () => createRegistry([...coreResources(), ...appsResources(), widgetResource()]);

describe('createRegistry lookups', () => {
  it('byId uses the GroupResource string', () => {
    expect(registry().byId('replicasets.apps')?.kind).toBe('ReplicaSet');
    expect(registry().byId('pods')?.kind).toBe('Pod');
  });
  it('byKind accepts any served version and nothing else', () => {
    const r = registry();
    expect(r.byKind('example.com/v1beta1', 'Widget')?.plural).toBe('widgets');
    expect(r.byKind('example.com/v2', 'Widget')).toBeUndefined();
    expect(r.byKind('v1', 'ReplicaSet')).toBeUndefined();
  });
  it('byName accepts plural, singular, short names and kinds, optionally group-qualified', () => {
    const r = registry();
    expect(r.byName('deploy')?.kind).toBe('Deployment');
    expect(r.byName('deployment')?.kind).toBe('Deployment');
    expect(r.byName('deployments.apps')?.kind).toBe('Deployment');
    expect(r.byName('Deployment')?.kind).toBe('Deployment');
    expect(r.byName('ns')?.kind).toBe('Namespace');
    expect(r.byName('wd.example.com')?.kind).toBe('Widget');
    expect(r.byName('deployments.example.com')).toBeUndefined();
  });
  it('byKindName needs the kind to be unambiguous', () => {
    const r = registry();
    expect(r.byKindName('Pod')?.plural).toBe('pods');
    r.register({ ...widgetResource(), group: 'other.io', plural: 'widgets', singular: 'widget' });
    expect(r.byKindName('Widget')).toBeUndefined();
  });
  it('refuses duplicate and malformed definitions', () => {
    const r = registry();
    expect(() => r.register(widgetResource())).toThrow(
      'resource "widgets.example.com" is already registered',
    );
    expect(() => r.register({ ...gadgetResource(), plural: 'Gadgets' })).toThrow(
      /plural must be a lowercase DNS label/,
    );
    expect(() => r.register({ ...gadgetResource(), versions: [] })).toThrow(/versions must list/);
  });
});

describe('addResolver (CRDs installed on demand)', () => {
  it('registers what a resolver returns so later lookups find it', () => {
    const r = registry();
    const asked: string[] = [];
    r.addResolver((apiVersion, kind) => {
      asked.push(`${apiVersion} ${kind}`);
      if (!apiVersion.startsWith('infrastructure.cluster.x-k8s.io/')) return undefined;
      return {
        group: 'infrastructure.cluster.x-k8s.io',
        versions: ['v1beta2', 'v1beta1'],
        kind,
        listKind: `${kind}List`,
        plural: `${kind.toLowerCase()}s`,
        singular: kind.toLowerCase(),
        scope: 'Namespaced',
      };
    });
    expect(r.byKind('infrastructure.cluster.x-k8s.io/v1beta1', 'DockerMachine')?.plural).toBe(
      'dockermachines',
    );
    expect(r.byId('dockermachines.infrastructure.cluster.x-k8s.io')?.kind).toBe('DockerMachine');
    expect(r.byName('dockermachine')?.kind).toBe('DockerMachine');
    expect(r.byKind('infrastructure.cluster.x-k8s.io/v1beta2', 'DockerMachine')).toBeDefined();
    expect(asked).toEqual(['infrastructure.cluster.x-k8s.io/v1beta1 DockerMachine']);
    expect(r.byKind('example.org/v1', 'Foo')).toBeUndefined();
  });
  it('rejects a resolver that answers for another kind', () => {
    const r = registry();
    r.addResolver(() => gadgetResource());
    expect(() => r.byKind('x.io/v1', 'Thing')).toThrow(/answered example.com\/Gadget/);
  });
});
