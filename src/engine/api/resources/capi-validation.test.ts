/**
 * Validation as the API server runs it for CAPI kinds: defaulting, then the CRD schema, then the validating
 * webhook (only when the schema passed). Upstream files are named per case.
 */
import { describe, expect, it } from 'vitest';
import { formatFieldError } from '../field-errors.ts';
import { cloneJson } from '../json.ts';
import type { FieldError } from '../resource.ts';
import type { KubeObject } from '../types.ts';
import { capiResources } from './capi.ts';

const DEFS = new Map(capiResources().map((d) => [d.kind, d]));

/** Defaults a copy (as a mutating webhook would) and validates it; old is defaulted too, as it was stored. */
function admit(obj: KubeObject, old?: KubeObject): FieldError[] {
  const def = DEFS.get(obj.kind)!;
  const oldCopy = old && cloneJson(old);
  if (oldCopy) def.defaulting?.(oldCopy);
  const copy = cloneJson(obj);
  def.defaulting?.(copy);
  return def.validate ? def.validate(copy, oldCopy) : [];
}

const slim = (errs: FieldError[]) => errs.map((e) => ({ type: e.type, field: e.field, detail: e.detail }));

function machineSpec(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    clusterName: 'demo',
    version: 'v1.35.0',
    bootstrap: {
      configRef: { apiGroup: 'bootstrap.cluster.x-k8s.io', kind: 'KubeadmConfigTemplate', name: 'demo-md-0' },
    },
    infrastructureRef: {
      apiGroup: 'infrastructure.cluster.x-k8s.io',
      kind: 'DevMachineTemplate',
      name: 'demo-md-0',
    },
    ...extra,
  };
}

function md(spec: Record<string, unknown> = {}, name = 'demo-md-0'): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineDeployment',
    metadata: { name, namespace: 'default' },
    spec: { clusterName: 'demo', replicas: 3, selector: {}, template: { spec: machineSpec() }, ...spec },
  };
}

function ms(spec: Record<string, unknown> = {}, annotations?: Record<string, string>): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineSet',
    metadata: { name: 'demo-ms', namespace: 'default', ...(annotations ? { annotations } : {}) },
    spec: { clusterName: 'demo', replicas: 2, selector: {}, template: { spec: machineSpec() }, ...spec },
  };
}

function machine(spec: Record<string, unknown> | undefined): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Machine',
    metadata: { name: 'm-1', namespace: 'default' },
    ...(spec ? { spec } : {}),
  };
}

function kcp(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'controlplane.cluster.x-k8s.io/v1beta2',
    kind: 'KubeadmControlPlane',
    metadata: { name: 'demo-control-plane', namespace: 'default' },
    spec: {
      replicas: 3,
      version: 'v1.35.0',
      machineTemplate: {
        spec: {
          infrastructureRef: {
            apiGroup: 'infrastructure.cluster.x-k8s.io',
            kind: 'DevMachineTemplate',
            name: 'demo-control-plane',
          },
        },
      },
      ...spec,
    },
  };
}

function mhc(spec: Record<string, unknown> = {}): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'MachineHealthCheck',
    metadata: { name: 'demo-mhc', namespace: 'default' },
    spec: {
      clusterName: 'demo',
      selector: { matchLabels: { 'cluster.x-k8s.io/deployment-name': 'demo-md-0' } },
      ...spec,
    },
  };
}

function cluster(spec: Record<string, unknown>, name = 'demo'): KubeObject {
  return {
    apiVersion: 'cluster.x-k8s.io/v1beta2',
    kind: 'Cluster',
    metadata: { name, namespace: 'default' },
    spec,
  };
}

const INFRA_REF = { apiGroup: 'infrastructure.cluster.x-k8s.io', kind: 'DevCluster', name: 'demo' };

describe('MachineDeployment validation (core/webhooks/admission/machinedeployment.go validate + CRD schema)', () => {
  it('accepts a defaulted quickstart MachineDeployment', () => {
    expect(admit(md())).toEqual([]);
  });

  it.each([
    [-1, 'must be greater than or equal to 0'],
    [100_001, 'must be less than or equal to 100000 (a limit of this simulator)'],
  ])('rejects replicas %d at spec.replicas', (replicas, detail) => {
    expect(admit(md({ replicas }))).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.replicas', value: replicas, detail },
    ]);
  });

  it('rejects a non-integer replicas as the schema does', () => {
    expect(slim(admit(md({ replicas: '3' })))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.replicas',
        detail: 'spec.replicas in body must be of type integer: "string"',
      },
    ]);
  });

  it('requires spec.clusterName (schema), before any webhook rule', () => {
    const obj = md();
    delete obj.spec!.clusterName;
    expect(slim(admit(obj))).toEqual([{ type: 'FieldValueRequired', field: 'spec.clusterName', detail: '' }]);
  });

  it('forbids template labels that the selector does not match', () => {
    const obj = md({
      selector: { matchLabels: { pool: 'a' } },
      template: { metadata: { labels: { pool: 'b' } }, spec: machineSpec() },
    });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'spec.template.metadata.labels',
        detail: 'must match spec.selector "cluster.x-k8s.io/cluster-name=demo,pool=a"',
      },
    ]);
  });

  it('reports an invalid selector at spec.selector', () => {
    const obj = md({ selector: { matchExpressions: [{ key: 'pool', operator: 'Near', values: ['a'] }] } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        detail: '"Near" is not a valid label selector operator',
      },
    ]);
  });

  it('prints the invalid selector as Go’s %#v of the struct, as kubectl shows it', () => {
    const obj = md({ selector: { matchExpressions: [{ key: 'pool', operator: 'Near', values: ['a'] }] } });
    expect(admit(obj).map(formatFieldError)).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"cluster.x-k8s.io/cluster-name":"demo"}, ' +
        'MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"pool", Operator:"Near", ' +
        'Values:[]string{"a"}}}}: "Near" is not a valid label selector operator',
    ]);
  });

  it('rejects maxSurge 0 with maxUnavailable 0 (validateRolloutStrategy)', () => {
    const obj = md({
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } },
    });
    expect(admit(obj)).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.rollout.strategy.rollingUpdate',
        value: '0',
        detail: 'maxUnavailable and maxSurge cannot both be 0',
      },
    ]);
  });

  it('lets "0%" and 0 through: only int zeros are checked', () => {
    const obj = md({
      rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '0%', maxUnavailable: 0 } } },
    });
    expect(admit(obj)).toEqual([]);
  });

  it('rejects a maxSurge string that is not a percentage', () => {
    const obj = md({ rollout: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '2' } } } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.rollout.strategy.rollingUpdate.maxSurge',
        detail:
          'must be either an int or a percentage: invalid value for IntOrString: invalid type: string is not a percentage',
      },
    ]);
  });

  it('rejects an unknown strategy type (CRD enum)', () => {
    const obj = md({ rollout: { strategy: { type: 'Recreate' } } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueNotSupported',
        field: 'spec.rollout.strategy.type',
        detail: 'supported values: "RollingUpdate", "OnDelete"',
      },
    ]);
  });

  it('requires a semantic version after the defaulted v prefix', () => {
    const obj = md({ template: { spec: machineSpec({ version: '1.35' }) } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.template.spec.version',
        detail: 'must be a valid semantic version',
      },
    ]);
  });

  it('requires the template and the MachineDeployment to name the same cluster', () => {
    const obj = md({ template: { spec: machineSpec({ clusterName: 'other' }) } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.clusterName',
        detail: 'spec.clusterName and spec.template.spec.clusterName must be set to the same value',
      },
    ]);
  });

  it('keeps spec.clusterName immutable on update', () => {
    const old = md();
    const changed = md({ clusterName: 'other', template: { spec: machineSpec({ clusterName: 'other' }) } });
    expect(slim(admit(changed, old))).toEqual([
      { type: 'FieldValueForbidden', field: 'spec.clusterName', detail: 'field is immutable' },
    ]);
  });

  it('requires a bootstrap configRef or dataSecretName in the template', () => {
    const obj = md({ template: { spec: machineSpec({ bootstrap: {} }) } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'spec.template.spec.bootstrap',
        detail:
          'expected either spec.template.spec.bootstrap.dataSecretName or spec.template.spec.bootstrap.configRef to be populated',
      },
    ]);
  });

  it('rejects a name that cannot be a label value, which also breaks the defaulted selector', () => {
    const name = `md-${'x'.repeat(61)}`;
    expect(admit(md({}, name)).map((e) => [e.field, e.detail])).toEqual([
      ['metadata.name', 'must be a valid label value: must be no more than 63 characters'],
      [
        'spec.selector',
        `values[0][cluster.x-k8s.io/deployment-name]: Invalid value: "${name}": must be no more than 63 characters`,
      ],
    ]);
  });

  it('reports schema errors alone: the webhook never sees an object the schema rejected', () => {
    const obj = md({
      replicas: -1,
      selector: { matchLabels: { pool: 'a' } },
      template: { metadata: { labels: { pool: 'b' } }, spec: machineSpec() },
    });
    expect(admit(obj).map((e) => e.field)).toEqual(['spec.replicas']);
  });

  it('rejects an unknown preflight check to skip (validateSkippedMachineSetPreflightChecks)', () => {
    const obj = md();
    obj.metadata.annotations = { 'machineset.cluster.x-k8s.io/skip-preflight-checks': 'All, Bogus' };
    expect(admit(obj)).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'metadata.annotations.machineset.cluster.x-k8s.io/skip-preflight-checks',
        value: ['Bogus'],
        detail:
          'skipped preflight check(s) must be among: [All ControlPlaneIsStable ControlPlaneVersionSkew KubeadmVersionSkew KubernetesVersionSkew]',
      },
    ]);
  });
});

describe('MachineSet validation (core/webhooks/admission/machineset.go validate)', () => {
  it('accepts a defaulted MachineSet', () => {
    expect(admit(ms())).toEqual([]);
  });

  it('reports a selector mismatch as Invalid with the template labels as value', () => {
    const obj = ms({
      selector: { matchLabels: { pool: 'a' } },
      template: { metadata: { labels: { pool: 'b' } }, spec: machineSpec() },
    });
    expect(admit(obj)).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.template.metadata.labels',
        value: { pool: 'b' },
        detail: 'must match spec.selector "pool=a"',
      },
    ]);
  });

  it('rejects an unknown deletion order (CRD enum) and negative replicas', () => {
    expect(admit(ms({ replicas: -2, deletion: { order: 'Largest' } })).map((e) => [e.type, e.field])).toEqual(
      [
        ['FieldValueInvalid', 'spec.replicas'],
        ['FieldValueNotSupported', 'spec.deletion.order'],
      ],
    );
  });

  it('requires spec.template.spec (defaulting has already created the template for its labels)', () => {
    const obj = ms();
    delete obj.spec!.template;
    expect(admit(obj).map((e) => [e.type, e.field])).toEqual([['FieldValueRequired', 'spec.template.spec']]);
  });
});

describe('Machine validation (core/webhooks/admission/machine.go validate + CRD schema)', () => {
  it('accepts a Machine with a dataSecretName and no configRef, even an empty one (MinLength=0)', () => {
    expect(admit(machine(machineSpec({ bootstrap: { dataSecretName: '' } })))).toEqual([]);
  });

  it('requires spec', () => {
    const obj = machine(undefined);
    // The webhook's defaulting creates spec, so the schema reports the fields inside it.
    expect(admit(obj).map((e) => [e.type, e.field])).toEqual([
      ['FieldValueRequired', 'spec.clusterName'],
      ['FieldValueRequired', 'spec.bootstrap'],
      ['FieldValueRequired', 'spec.infrastructureRef'],
    ]);
  });

  it('requires apiGroup, kind and name in a v1beta2 reference', () => {
    const obj = machine(
      machineSpec({
        infrastructureRef: { apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta1', kind: 'DevMachine' },
      }),
    );
    expect(admit(obj).map((e) => [e.type, e.field])).toEqual([
      ['FieldValueRequired', 'spec.infrastructureRef.apiGroup'],
      ['FieldValueRequired', 'spec.infrastructureRef.name'],
    ]);
  });

  it('checks reference name syntax with the CRD pattern', () => {
    const obj = machine(machineSpec({ infrastructureRef: { ...INFRA_REF, name: 'Not_A_Name' } }));
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.infrastructureRef.name',
        detail:
          "spec.infrastructureRef.name in body should match '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'",
      },
    ]);
  });

  it.each(['v1.35.0.1', 'v01.2.3', 'vlatest'])('rejects version %s', (version) => {
    expect(slim(admit(machine(machineSpec({ version }))))).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.version', detail: 'must be a valid semantic version' },
    ]);
  });

  it.each(['v1.35.0', 'v1.35.0-rc.1', 'v1.35.0+build.5', '1.35.0'])('accepts version %s', (version) => {
    expect(admit(machine(machineSpec({ version })))).toEqual([]);
  });

  it('requires a bootstrap configRef or dataSecretName unless the Machine belongs to a MachinePool', () => {
    const obj = machine(machineSpec({ bootstrap: {} }));
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'spec.bootstrap',
        detail: 'expected either spec.bootstrap.dataSecretName or spec.bootstrap.configRef to be populated',
      },
    ]);
    obj.metadata.labels = { 'cluster.x-k8s.io/pool-name': 'mp-0' };
    expect(admit(obj)).toEqual([]);
  });

  it('rejects negative minReadySeconds and deletion timeouts (CRD minimum 0)', () => {
    const obj = machine(machineSpec({ minReadySeconds: -1, deletion: { nodeDrainTimeoutSeconds: -5 } }));
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.minReadySeconds',
        detail: 'spec.minReadySeconds in body should be greater than or equal to 0',
      },
      {
        type: 'FieldValueInvalid',
        field: 'spec.deletion.nodeDrainTimeoutSeconds',
        detail: 'spec.deletion.nodeDrainTimeoutSeconds in body should be greater than or equal to 0',
      },
    ]);
  });

  it('rejects a clusterName longer than 63 bytes', () => {
    const errs = admit(machine(machineSpec({ clusterName: 'c'.repeat(64) })));
    expect(errs.map((e) => [e.type, e.field, e.detail])).toEqual([
      ['FieldValueTooLong', 'spec.clusterName', 'may not be more than 63 bytes'],
    ]);
  });
});

describe('KubeadmControlPlane validation (controlplane/kubeadm/webhooks/admission/kubeadmcontrolplane.go)', () => {
  it('accepts 1, 3 and 5 stacked-etcd replicas', () => {
    for (const replicas of [1, 3, 5]) expect(admit(kcp({ replicas }))).toEqual([]);
  });

  it('forbids an even replica count when etcd is stacked, but not with external etcd', () => {
    expect(slim(admit(kcp({ replicas: 2 })))).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'spec.replicas',
        detail: 'cannot be an even number when etcd is stacked',
      },
    ]);
    const external = kcp({
      replicas: 2,
      kubeadmConfigSpec: {
        clusterConfiguration: {
          etcd: { external: { endpoints: ['https://etcd:2379'], caFile: 'ca', certFile: 'c', keyFile: 'k' } },
        },
      },
    });
    expect(admit(external)).toEqual([]);
  });

  it('forbids zero replicas (and zero is even too), and negative ones', () => {
    expect(slim(admit(kcp({ replicas: 0 })))).toEqual([
      { type: 'FieldValueForbidden', field: 'spec.replicas', detail: 'cannot be less than or equal to 0' },
      {
        type: 'FieldValueForbidden',
        field: 'spec.replicas',
        detail: 'cannot be an even number when etcd is stacked',
      },
    ]);
    expect(slim(admit(kcp({ replicas: -1 })))).toEqual([
      { type: 'FieldValueForbidden', field: 'spec.replicas', detail: 'cannot be less than or equal to 0' },
    ]);
  });

  it('allows maxSurge 0 only with at least 3 replicas, and nothing but 0 or 1', () => {
    const scaleIn = kcp({ replicas: 1, rollout: { strategy: { rollingUpdate: { maxSurge: 0 } } } });
    expect(slim(admit(scaleIn))).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'spec.rollout.strategy.rollingUpdate',
        detail: 'when KubeadmControlPlane is configured to scale-in, replica count needs to be at least 3',
      },
    ]);
    const two = kcp({ rollout: { strategy: { rollingUpdate: { maxSurge: 2 } } } });
    expect(slim(admit(two))).toEqual([
      {
        type: 'FieldValueRequired',
        field: 'spec.rollout.strategy.rollingUpdate.maxSurge',
        detail: 'value must be 1 or 0',
      },
    ]);
  });

  it('requires version and machineTemplate (CRD schema)', () => {
    const obj = kcp();
    delete obj.spec!.version;
    delete obj.spec!.machineTemplate;
    expect(admit(obj).map((e) => [e.type, e.field])).toEqual([
      ['FieldValueRequired', 'spec.version'],
      ['FieldValueRequired', 'spec.machineTemplate'],
    ]);
  });

  it('forbids skipping a minor version on upgrade (validateVersion)', () => {
    const old = kcp({ version: 'v1.33.4' });
    expect(admit(kcp({ version: 'v1.34.0' }), old)).toEqual([]);
    expect(slim(admit(kcp({ version: 'v1.35.0' }), old))).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'spec.version',
        detail: 'cannot update Kubernetes version from v1.33.4 to v1.35.0',
      },
    ]);
  });
});

describe('MachineHealthCheck validation (core/webhooks/admission/machinehealthcheck.go validate + CRD schema)', () => {
  it('accepts a defaulted MHC', () => {
    expect(admit(mhc())).toEqual([]);
  });

  it('requires a non-empty selector', () => {
    expect(slim(admit(mhc({ selector: {} })))).toEqual([
      { type: 'FieldValueRequired', field: 'spec.selector', detail: 'selector must not be empty' },
    ]);
  });

  it('rejects a cluster-name selector for another cluster', () => {
    const obj = mhc({ selector: { matchLabels: { 'cluster.x-k8s.io/cluster-name': 'other' } } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.selector',
        detail: 'cannot specify a cluster selector other than the one specified by ClusterName',
      },
    ]);
  });

  it('wants nodeStartupTimeoutSeconds of 0 (disabled) or at least 30', () => {
    expect(admit(mhc({ checks: { nodeStartupTimeoutSeconds: 0 } }))).toEqual([]);
    expect(admit(mhc({ checks: { nodeStartupTimeoutSeconds: 10 } }))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.checks.nodeStartupTimeoutSeconds',
        value: 10,
        detail: 'must be at least 30s',
      },
    ]);
  });

  it('takes unhealthyInRange only as "[a-b]"', () => {
    expect(admit(mhc({ remediation: { triggerIf: { unhealthyInRange: '[3-5]' } } }))).toEqual([]);
    expect(slim(admit(mhc({ remediation: { triggerIf: { unhealthyInRange: '3-5' } } })))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.remediation.triggerIf.unhealthyInRange',
        detail: "spec.remediation.triggerIf.unhealthyInRange in body should match '^\\[[0-9]+-[0-9]+\\]$'",
      },
    ]);
  });

  it('takes unhealthyLessThanOrEqualTo as an int or a percentage', () => {
    expect(admit(mhc({ remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '40%' } } }))).toEqual([]);
    expect(admit(mhc({ remediation: { triggerIf: { unhealthyLessThanOrEqualTo: 2 } } }))).toEqual([]);
    expect(slim(admit(mhc({ remediation: { triggerIf: { unhealthyLessThanOrEqualTo: '40' } } })))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.remediation.triggerIf.unhealthyLessThanOrEqualTo',
        detail:
          'must be either an int or a percentage: invalid value for IntOrString: invalid type: string is not a percentage',
      },
    ]);
  });

  it('forbids the MHC’s own conditions in unhealthyMachineConditions (CRD CEL rule)', () => {
    const obj = mhc({
      checks: { unhealthyMachineConditions: [{ type: 'Ready', status: 'False', timeoutSeconds: 300 }] },
    });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.checks.unhealthyMachineConditions[0].type',
        detail:
          'type must not be one of: Ready, Available, HealthCheckSucceeded, OwnerRemediated, ExternallyRemediated',
      },
    ]);
  });

  it('requires timeoutSeconds on each unhealthy node condition', () => {
    const obj = mhc({ checks: { unhealthyNodeConditions: [{ type: 'Ready', status: 'Unknown' }] } });
    expect(admit(obj).map((e) => [e.type, e.field])).toEqual([
      ['FieldValueRequired', 'spec.checks.unhealthyNodeConditions[0].timeoutSeconds'],
    ]);
  });
});

describe('Cluster validation (core/webhooks/admission/cluster.go validate + CRD schema)', () => {
  it('accepts refs with valid IPv4 and IPv6 CIDRs', () => {
    const obj = cluster({
      infrastructureRef: INFRA_REF,
      clusterNetwork: {
        pods: { cidrBlocks: ['192.168.0.0/16', 'fd00:10:244::/56'] },
        services: { cidrBlocks: ['10.128.0.0/12'] },
      },
    });
    expect(admit(obj)).toEqual([]);
  });

  it('needs one of controlPlaneRef, infrastructureRef or topology', () => {
    const obj = cluster({ clusterNetwork: { serviceDomain: 'cluster.local' } });
    expect(slim(admit(obj))).toEqual([
      {
        type: 'FieldValueForbidden',
        field: 'spec',
        detail: 'one of spec.controlPlaneRef, spec.infrastructureRef or spec.topology must be set',
      },
    ]);
  });

  it('rejects an empty spec with the schema’s MinProperties message', () => {
    expect(slim(admit(cluster({})))).toEqual([
      { type: 'FieldValueInvalid', field: 'spec', detail: 'spec in body should have at least 1 properties' },
    ]);
  });

  it('reports a bad CIDR at its index with Go’s net.ParseCIDR message', () => {
    const obj = cluster({
      infrastructureRef: INFRA_REF,
      clusterNetwork: { pods: { cidrBlocks: ['10.0.0.0/8', '10.0.0.0/33'] } },
    });
    expect(admit(obj)).toEqual([
      {
        type: 'FieldValueInvalid',
        field: 'spec.clusterNetwork.pods.cidrBlocks[1]',
        value: '10.0.0.0/33',
        detail: 'invalid CIDR address: 10.0.0.0/33',
      },
    ]);
  });

  it('forbids removing infrastructureRef or controlPlaneRef on update', () => {
    const old = cluster({
      infrastructureRef: INFRA_REF,
      controlPlaneRef: { apiGroup: 'controlplane.cluster.x-k8s.io', kind: 'KubeadmControlPlane', name: 'cp' },
    });
    const updated = cluster({ topology: { classRef: { name: 'quick-start' }, version: 'v1.35.0' } });
    expect(slim(admit(updated, old))).toEqual([
      { type: 'FieldValueForbidden', field: 'spec.infrastructureRef', detail: 'cannot be removed' },
      { type: 'FieldValueForbidden', field: 'spec.controlPlaneRef', detail: 'cannot be removed' },
    ]);
  });
});

describe('addons and templates', () => {
  const crs = (spec: Record<string, unknown>): KubeObject => ({
    apiVersion: 'addons.cluster.x-k8s.io/v1beta2',
    kind: 'ClusterResourceSet',
    metadata: { name: 'crs', namespace: 'default' },
    spec: { resources: [{ name: 'calico', kind: 'ConfigMap' }], ...spec },
  });

  it('ClusterResourceSet: selector must not be empty; strategy is immutable (clusterresourceset.go validate)', () => {
    expect(slim(admit(crs({ clusterSelector: {} })))).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.clusterSelector', detail: 'selector must not be empty' },
    ]);
    const old = crs({ clusterSelector: { matchLabels: { cni: 'calico' } } });
    const changed = crs({ clusterSelector: { matchLabels: { cni: 'calico' } }, strategy: 'Reconcile' });
    expect(slim(admit(changed, old))).toEqual([
      { type: 'FieldValueInvalid', field: 'spec.strategy', detail: 'field is immutable' },
    ]);
  });

  it('KubeadmConfigTemplate: spec may be absent, but a spec needs spec.template', () => {
    const base: KubeObject = {
      apiVersion: 'bootstrap.cluster.x-k8s.io/v1beta2',
      kind: 'KubeadmConfigTemplate',
      metadata: { name: 't', namespace: 'default' },
    };
    expect(admit(base)).toEqual([]);
    expect(admit({ ...base, spec: {} }).map((e) => [e.type, e.field])).toEqual([
      ['FieldValueRequired', 'spec.template'],
    ]);
  });
});
