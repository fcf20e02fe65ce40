import { describe, expect, it } from 'vitest';
import { checkDefinition } from '../registry.ts';
import { infrastructureResolver, pluralizeKind } from './capi-infrastructure.ts';

describe('pluralizeKind (controller-gen: flect.Pluralize(strings.ToLower(kind)))', () => {
  it.each([
    ['DockerMachine', 'dockermachines'],
    ['AWSMachineTemplate', 'awsmachinetemplates'],
    ['DevCluster', 'devclusters'],
    ['AzureClusterIdentity', 'azureclusteridentities'],
    ['VSphereDeploymentZone', 'vspheredeploymentzones'],
    ['IBMPowerVSImage', 'ibmpowervsimages'],
    ['HetznerBareMetalHost', 'hetznerbaremetalhosts'],
    ['PacketCluster', 'packetclusters'],
    ['OpenStackFloatingIPPool', 'openstackfloatingippools'],
    ['GCPManagedControlPlane', 'gcpmanagedcontrolplanes'],
    ['FooAddress', 'fooaddresses'],
    ['FooBox', 'fooboxes'],
    ['FooBatch', 'foobatches'],
    ['FooGateway', 'foogateways'],
  ])('%s → %s', (kind, plural) => {
    expect(pluralizeKind(kind)).toBe(plural);
  });
});

describe('infrastructureResolver', () => {
  it('answers any infrastructure kind in the version given, namespaced, with status and the cluster-api category', () => {
    const def = infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta1', 'AWSMachineTemplate');
    expect(def).toMatchObject({
      group: 'infrastructure.cluster.x-k8s.io',
      versions: ['v1beta1'],
      kind: 'AWSMachineTemplate',
      listKind: 'AWSMachineTemplateList',
      plural: 'awsmachinetemplates',
      singular: 'awsmachinetemplate',
      scope: 'Namespaced',
      categories: ['cluster-api'],
      subresources: { status: true },
    });
    // The registry's own consistency check accepts it.
    expect(() => checkDefinition(def!)).not.toThrow();
  });

  it('gives machines a Provider ID column (wide) and templates only Age', () => {
    const machine = infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta2', 'DevMachine')!;
    expect(machine.printerColumns!.map((c) => [c.name, c.priority ?? 0])).toEqual([
      ['Cluster', 0],
      ['Provider ID', 10],
      ['Provisioned', 0],
      ['Age', 0],
    ]);
    const template = infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta2', 'DevMachineTemplate')!;
    expect(template.printerColumns!.map((c) => c.name)).toEqual(['Age']);
    const cluster = infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta2', 'DevCluster')!;
    expect(cluster.printerColumns!.map((c) => c.name)).toEqual(['Cluster', 'Provisioned', 'Age']);
  });

  it('returns fresh column objects each time', () => {
    const a = infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta2', 'DevMachine')!;
    a.printerColumns![0]!.name = 'changed';
    const b = infrastructureResolver('infrastructure.cluster.x-k8s.io/v1beta2', 'DevMachine')!;
    expect(b.printerColumns![0]!.name).toBe('Cluster');
  });

  it.each([
    ['bootstrap.cluster.x-k8s.io/v1beta2', 'TalosConfig'],
    ['controlplane.cluster.x-k8s.io/v1beta2', 'K0smotronControlPlane'],
    ['cluster.x-k8s.io/v1beta2', 'Machine'],
    ['v1', 'Pod'],
    ['infrastructure.cluster.x-k8s.io', 'DockerMachine'],
    ['infrastructure.cluster.x-k8s.io/beta', 'DockerMachine'],
    ['infrastructure.cluster.x-k8s.io/v1beta2', 'dockerMachine'],
    ['infrastructure.cluster.x-k8s.io/v1beta2', 'Docker-Machine'],
    ['infrastructure.cluster.x-k8s.io/v1beta2', ''],
  ])('does not answer %s %s', (apiVersion, kind) => {
    expect(infrastructureResolver(apiVersion, kind)).toBeUndefined();
  });
});
