import { describe, expect, it, vi } from 'vitest';
import type { FieldError } from '../api/resource.ts';
import type { KubeObject } from '../api/types.ts';
import { ScenarioError } from './issues.ts';
import {
  baseName,
  loadScenario,
  looksLikeManifests,
  parseScenario,
  type LoadScenarioOptions,
} from './parse.ts';
import { memoryFiles } from './test-files.ts';
import { createTestRegistry } from './test-registry.ts';

const RS = `
  - apiVersion: apps/v1
    kind: ReplicaSet
    metadata: { name: web }
    spec:
      replicas: 3
      selector: { matchLabels: { app: web } }
      template:
        metadata: { labels: { app: web } }
        spec: { containers: [{ name: web, image: nginx }] }`;

function opts(
  files: Record<string, string> = {},
  extra: Partial<LoadScenarioOptions> = {},
): LoadScenarioOptions {
  return { files: memoryFiles(files), registry: createTestRegistry(), ...extra };
}

/** The messages of the ScenarioError that fn throws. */
function errorsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e.message.split('\n');
    throw e;
  }
  throw new Error('expected a ScenarioError, but nothing was thrown');
}

const parse = (text: string, o: LoadScenarioOptions = opts(), path = 'scenario.yaml') =>
  parseScenario(text, path, o);

describe('parseScenario: valid files', () => {
  it('reads a scenario with inline objects and fills in the defaults', () => {
    const s = parse(`objects:${RS}\n`);
    expect(s.name).toBe('scenario');
    expect(s.seed).toBe(1);
    expect(s.profile).toBe('classic');
    expect(s.until).toBe('converged');
    expect(s.timeline).toEqual([]);
    expect(s.objects).toHaveLength(1);
    expect(s.objects[0]!.metadata).toEqual({ name: 'web', namespace: 'default' });
    expect(s.origins[0]).toEqual({ file: 'scenario.yaml', where: 'objects[0] (ReplicaSet "web")' });
  });

  it('reads every top-level field', () => {
    const s = parse(
      [
        'name: demo',
        'description: A demo.',
        'seed: 42',
        'profile: priority-queue',
        'until: 15m',
        'params: { kubeletStartDelayMs: 500, verbose: true, mode: fast }',
        `objects:${RS}`,
      ].join('\n'),
    );
    expect(s).toMatchObject({
      name: 'demo',
      description: 'A demo.',
      seed: 42,
      profile: 'priority-queue',
      until: 900_000,
      params: { kubeletStartDelayMs: 500, verbose: true, mode: 'fast' },
    });
  });

  it('reads inline multi-document YAML in objects, and puts Namespaces first', () => {
    const s = parse(
      [
        'objects: |',
        '  apiVersion: v1',
        '  kind: Pod',
        '  metadata: { name: a, namespace: team }',
        '  ---',
        '  apiVersion: v1',
        '  kind: Namespace',
        '  metadata: { name: team }',
      ].join('\n'),
    );
    expect(s.objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/team', 'Pod/a']);
    expect(s.origins.map((o) => o.where)).toEqual([
      'objects: document 2 (Namespace "team")',
      'objects: document 1 (Pod "a")',
    ]);
    expect(s.objects[0]!.metadata.namespace).toBeUndefined();
  });

  it('substitutes variables in the scenario file, re-reading plain scalars as YAML and keeping quoted ones strings', () => {
    const s = parse(
      [
        'variables: { N: 4, NAME: web }',
        'objects:',
        '  - apiVersion: apps/v1',
        '    kind: ReplicaSet',
        "    metadata: { name: '${NAME}', labels: { n: '${N}' } }",
        '    spec:',
        '      replicas: ${N}',
        '      minReadySeconds: ${READY:=0}',
        'timeline:',
        '  - at: ${WHEN:=30s}',
        "    scale: { kind: ReplicaSet, name: '${NAME}', replicas: 5 }",
      ].join('\n'),
      opts(),
    );
    const rs = s.objects[0]!;
    expect(rs.metadata.name).toBe('web');
    expect(rs.metadata.labels).toEqual({ n: '4' });
    expect(rs.spec).toEqual({ replicas: 4, minReadySeconds: 0 });
    expect(s.timeline[0]!.atMs).toBe(30_000);
    expect(s.variables).toEqual({ N: '4', NAME: 'web' });
  });

  it('accepts ${VAR} unquoted inside flow mappings, where YAML alone would reject the braces', () => {
    const s = parse(
      [
        '# ${IN_A_COMMENT} is not a variable use',
        'variables: { N: 2, LITERAL: "${NOT_EXPANDED}" }',
        'objects:',
        '  - { apiVersion: apps/v1, kind: ReplicaSet, metadata: { name: web-${N}, annotations: { cost: "$$5" } }, spec: { replicas: ${N} } }',
      ].join('\n'),
    );
    expect(s.objects[0]!.metadata).toMatchObject({ name: 'web-2', annotations: { cost: '$5' } });
    expect(s.objects[0]!.spec).toEqual({ replicas: 2 });
    expect(s.variables.LITERAL).toBe('${NOT_EXPANDED}');
  });

  it('lets --set override the file variables', () => {
    const s = parse(
      `variables: { N: "4" }\nobjects:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: { name: "n\${N}" }\n`,
      {
        ...opts(),
        set: { N: '9' },
      },
    );
    expect(s.objects[0]!.metadata.name).toBe('n9');
    expect(s.variables.N).toBe('9');
  });

  it('loads manifests relative to the scenario file, substituting variables in their raw text', () => {
    const o = opts({
      'lessons/demo/scenario.yaml': 'variables: { NAME: web }\nmanifests: [ ../shared/rs.yaml ]\n',
      'lessons/shared/rs.yaml': [
        '# leading comment',
        '---',
        'apiVersion: apps/v1',
        'kind: ReplicaSet',
        'metadata: { name: ${NAME}-rs }',
        'spec: { replicas: ${REPLICAS:=2} }',
        '---',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { name: ${NAME}-pod }',
      ].join('\n'),
    });
    const s = loadScenario('lessons/demo/scenario.yaml', o);
    expect(s.objects.map((x) => x.metadata.name)).toEqual(['web-rs', 'web-pod']);
    expect(s.objects[0]!.spec).toEqual({ replicas: 2 });
    expect(s.origins.map((x) => `${x.file} ${x.where}`)).toEqual([
      'lessons/shared/rs.yaml document 1 (ReplicaSet "web-rs")',
      'lessons/shared/rs.yaml document 3 (Pod "web-pod")',
    ]);
  });

  it('accepts a plain manifests file as a scenario with defaults', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: { name: ${P} }\n---\napiVersion: v1\nkind: Namespace\nmetadata: { name: x }\n';
    expect(looksLikeManifests(text)).toBe(true);
    const s = parse(text, { ...opts(), set: { P: 'p1' } }, 'dir/pods.yaml');
    expect(s).toMatchObject({ name: 'pods', seed: 1, profile: 'classic', until: 'converged', timeline: [] });
    expect(s.objects.map((o) => o.metadata.name)).toEqual(['x', 'p1']);
  });

  it('flattens a v1 List into its items, as kubectl does', () => {
    const s = parse(
      'apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: Pod, metadata: { name: a } }\n  - { apiVersion: v1, kind: Pod, metadata: { name: b } }\n',
    );
    expect(s.objects.map((o) => o.metadata.name)).toEqual(['a', 'b']);
    expect(s.origins[1]!.where).toBe('document 1 items[1] (Pod "b")');
  });

  it('validates through api.validate when an API server is given, on a copy', () => {
    const registry = createTestRegistry();
    const validate = vi.fn((_resource: string, obj: KubeObject): FieldError[] => {
      obj.metadata.labels = { defaulted: 'yes' };
      return [];
    });
    const s = parse(`objects:${RS}\n`, { files: memoryFiles({}), api: { registry, validate } });
    expect(validate).toHaveBeenCalledTimes(1);
    expect(validate.mock.calls[0]![0]).toBe('replicasets.apps');
    expect(s.objects[0]!.metadata.labels).toBeUndefined();
  });

  it('keeps a scenario path out of the name: baseName', () => {
    expect(baseName('a/b/capi-rollout.yaml')).toBe('capi-rollout');
    expect(baseName('C:\\x\\y.yml')).toBe('y');
  });
});

describe('parseScenario: timeline', () => {
  it('turns every action into its WorldAction, in time order with ties in file order', () => {
    const s = parse(
      [
        'timeline:',
        '  - at: 1m',
        '    scale: { kind: rs, name: web, replicas: 5 }',
        '  - at: 30s',
        '    delete: { kind: Pod, selector: { app: web } }',
        '  - at: 30s',
        '    patch: { kind: ReplicaSet, name: web, namespace: ns1, patch: { spec: { minReadySeconds: 5 } } }',
        '  - at: 1m30s',
        '    patch: { kind: ReplicaSet, name: web, patchType: json, patch: [ { op: replace, path: /spec/replicas, value: 1 } ] }',
        '  - at: 2m',
        '    delete: { kind: Pod, pick: random, propagationPolicy: Foreground }',
        '  - at: 500',
        '    apply:',
        '      - { apiVersion: v1, kind: ConfigMap, metadata: { name: c } }',
        '  - at: 3m',
        '    clearFaults: true',
      ].join('\n'),
    );
    expect(s.timeline).toEqual([
      {
        atMs: 500,
        action: {
          action: 'apply',
          objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }],
        },
      },
      {
        atMs: 30_000,
        action: { action: 'delete', target: { kind: 'Pod', selector: { app: 'web' }, pick: 'first' } },
      },
      {
        atMs: 30_000,
        action: {
          action: 'patch',
          target: { kind: 'ReplicaSet', name: 'web', namespace: 'ns1' },
          patch: { spec: { minReadySeconds: 5 } },
        },
      },
      { atMs: 60_000, action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 5 } },
      {
        atMs: 90_000,
        action: {
          action: 'patch',
          target: { kind: 'ReplicaSet', name: 'web' },
          patchType: 'json',
          patch: [{ op: 'replace', path: '/spec/replicas', value: 1 }],
        },
      },
      {
        atMs: 120_000,
        action: {
          action: 'delete',
          target: { kind: 'Pod', pick: 'random' },
          propagationPolicy: 'Foreground',
        },
      },
      { atMs: 180_000, action: { action: 'clearFaults' } },
    ]);
  });

  it('reads every fault type, with durations as numbers or Go durations', () => {
    const s = parse(
      [
        'timeline:',
        '  - { at: 1s, fault: { type: apiError, verb: update, resource: rs, code: 409, count: 3 } }',
        '  - { at: 2s, fault: { type: apiError, code: 500, rate: 0.5 } }',
        '  - { at: 3s, fault: { type: apiLatency, ms: 200, jitterMs: 50ms } }',
        '  - { at: 4s, fault: { type: watchDrop, resource: pods, rate: 1 } }',
        '  - { at: 5s, fault: { type: watchExpire } }',
        '  - { at: 6s, fault: { type: staleView, controller: replicaset, forMs: 30s } }',
        '  - { at: 7s, fault: { type: controllerCrash, controller: replicaset } }',
        '  - { at: 8s, fault: { type: reconcileError, controller: replicaset, count: 2 } }',
        '  - { at: 9s, fault: { type: nodeFailure, target: { pick: random } } }',
        '  - { at: 10s, fault: { type: provisioningFailure, rate: 0.25 } }',
        '  - { at: 11s, fault: { type: provisioningFailure, target: { name: m-1 } } }',
      ].join('\n'),
    );
    expect(s.timeline.map((t) => t.action)).toEqual([
      {
        action: 'fault',
        fault: { type: 'apiError', verb: 'update', resource: 'replicasets.apps', code: 409, count: 3 },
      },
      { action: 'fault', fault: { type: 'apiError', code: 500, rate: 0.5 } },
      { action: 'fault', fault: { type: 'apiLatency', ms: 200, jitterMs: 50 } },
      { action: 'fault', fault: { type: 'watchDrop', resource: 'pods', rate: 1 } },
      { action: 'fault', fault: { type: 'watchExpire' } },
      { action: 'fault', fault: { type: 'staleView', controller: 'replicaset', forMs: 30_000 } },
      { action: 'fault', fault: { type: 'controllerCrash', controller: 'replicaset' } },
      { action: 'fault', fault: { type: 'reconcileError', controller: 'replicaset', count: 2 } },
      { action: 'fault', fault: { type: 'nodeFailure', target: { kind: 'Node', pick: 'random' } } },
      { action: 'fault', fault: { type: 'provisioningFailure', rate: 0.25 } },
      { action: 'fault', fault: { type: 'provisioningFailure', target: { kind: 'Machine', name: 'm-1' } } },
    ]);
  });
});

describe('parseScenario: errors name the file, the document and the field', () => {
  const one = (text: string, o?: LoadScenarioOptions) => errorsOf(() => parse(text, o));

  it('rejects unknown top-level keys, suggesting the near miss', () => {
    expect(one('seeds: 4\ntimelime: []\nfoo: 1\n')).toEqual([
      'scenario.yaml: seeds: unknown field "seeds" (did you mean "seed"?)',
      'scenario.yaml: timelime: unknown field "timelime" (did you mean "timeline"?)',
      'scenario.yaml: foo: unknown field "foo" (allowed: name, description, seed, profile, variables, manifests, objects, timeline, until, params, load)',
    ]);
  });

  it('reports malformed YAML with file:line:column', () => {
    expect(one('name: x\ntimeline:\n  - at: [1m\n')).toEqual([
      'scenario.yaml:4:1: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('reports a negative replicas count with the timeline path', () => {
    expect(one('timeline:\n  - at: 1m\n    scale: { kind: ReplicaSet, name: web, replicas: -3 }\n')).toEqual([
      'scenario.yaml: timeline[0].scale.replicas: must be a non-negative integer, got -3',
    ]);
  });

  it('collects every problem, not just the first', () => {
    const errs = one(
      [
        'seed: 1.5',
        'profile: fast',
        'until: soon',
        'timeline:',
        '  - at: 31d',
        '    scale: { kind: ReplicaSet, name: web, replicas: 200000 }',
        '  - at: 1m',
        '  - at: 2m',
        '    scale: { kind: ReplicaSet, name: web, replicas: 1 }',
        '    delete: { kind: Pod, name: p }',
      ].join('\n'),
    );
    expect(errs).toEqual([
      'scenario.yaml: seed: must be a non-negative integer no larger than 9007199254740991, got 1.5',
      'scenario.yaml: profile: must be one of "classic", "priority-queue", got "fast"',
      'scenario.yaml: until: must be "converged" or a duration such as "500ms", "30s", "5m" or "1m30s", got "soon"',
      'scenario.yaml: timeline[0].at: must be a duration such as "500ms", "30s", "5m" or "1m30s", got "31d"',
      'scenario.yaml: timeline[0].scale.replicas: must be at most 100000, got 200000',
      'scenario.yaml: timeline[1]: needs exactly one of apply, patch, scale, delete, fault, clearFaults',
      'scenario.yaml: timeline[2]: needs exactly one of apply, patch, scale, delete, fault, clearFaults, got scale and delete',
    ]);
  });

  it('rejects times past 30 days and seeds past the safe integer range', () => {
    expect(one('seed: 9007199254740993\ntimeline:\n  - at: 721h\n    clearFaults: true\n')).toEqual([
      'scenario.yaml: seed: must be a non-negative integer no larger than 9007199254740991, got 9007199254740992',
      'scenario.yaml: timeline[0].at: must be at most 720h, got 721h',
    ]);
  });

  it('checks targets: kind, name versus selector, labels, scale subresource, cluster scope', () => {
    expect(
      one(
        [
          'timeline:',
          '  - { at: 1s, delete: { kind: Foo, name: x } }',
          '  - { at: 1s, delete: { kind: Pod, name: x, selector: { app: web } } }',
          '  - { at: 1s, delete: { kind: Pod } }',
          '  - { at: 1s, delete: { kind: Pod, selector: { app: 3, "bad key!": x } } }',
          '  - { at: 1s, scale: { kind: Pod, name: x, replicas: 1 } }',
          '  - { at: 1s, delete: { kind: Node, name: n, namespace: default } }',
          '  - { at: 1s, delete: { name: x, pick: last } }',
          '  - { at: 1s, delete: { kind: Pod, name: x, propagationPolicy: Now } }',
        ].join('\n'),
      ),
    ).toEqual([
      `scenario.yaml: timeline[0].delete.kind: the server doesn't have a resource type "Foo"`,
      'scenario.yaml: timeline[1].delete: name cannot be combined with selector or pick',
      'scenario.yaml: timeline[2].delete: needs a name, or a selector and/or pick ("first" or "random")',
      'scenario.yaml: timeline[3].delete.selector.app: must be a string (quote it), got 3',
      `scenario.yaml: timeline[3].delete.selector["bad key!"]: invalid label key: name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63)`,
      'scenario.yaml: timeline[4].scale.kind: Pod has no scale subresource',
      'scenario.yaml: timeline[5].delete.namespace: Node is cluster-scoped',
      'scenario.yaml: timeline[6].delete.kind: is required',
      'scenario.yaml: timeline[6].delete.pick: must be one of "first", "random", got "last"',
      'scenario.yaml: timeline[6].delete: name cannot be combined with selector or pick',
      'scenario.yaml: timeline[7].delete.propagationPolicy: must be one of "Background", "Foreground", "Orphan", got "Now"',
    ]);
  });

  it('checks patches: merge patches are mappings, JSON patches are RFC 6902 operations', () => {
    expect(
      one(
        [
          'timeline:',
          '  - { at: 1s, patch: { kind: Pod, name: x, patch: [1] } }',
          '  - { at: 1s, patch: { kind: Pod, name: x, patchType: json, patch: [ { op: put, path: spec } ] } }',
          '  - { at: 1s, patch: { kind: Pod, name: x, patchType: json, patch: [ { op: add, path: /a } , { op: move, path: /b } ] } }',
          '  - { at: 1s, patch: { kind: Pod, name: x, patchType: strategic, patch: {} } }',
          '  - { at: 1s, patch: { kind: Pod, name: x } }',
        ].join('\n'),
      ),
    ).toEqual([
      'scenario.yaml: timeline[0].patch.patch: a merge patch must be a mapping, got a list',
      'scenario.yaml: timeline[1].patch.patch[0].op: must be one of "add", "remove", "replace", "move", "copy", "test", got "put"',
      'scenario.yaml: timeline[1].patch.patch[0].path: must be a JSON pointer such as "/spec/replicas", got "spec"',
      'scenario.yaml: timeline[2].patch.patch[0].value: is required for "add"',
      'scenario.yaml: timeline[2].patch.patch[1].from: is required for "move"',
      'scenario.yaml: timeline[3].patch.patchType: must be one of "merge", "json", got "strategic"',
      'scenario.yaml: timeline[4].patch.patch: is required',
    ]);
  });

  it('checks fault fields, their types and ranges', () => {
    expect(
      one(
        [
          'timeline:',
          '  - { at: 1s, fault: { type: apiError, code: 200, count: 0 } }',
          '  - { at: 1s, fault: { type: apiError, code: 500, count: 1, rate: 0.5 } }',
          '  - { at: 1s, fault: { type: apiError, verb: poke, resource: widgets, code: 503, rate: 1.5 } }',
          '  - { at: 1s, fault: { type: apiLatency, ms: -5, jitter: 3 } }',
          '  - { at: 1s, fault: { type: apiLatency, ms: 11m } }',
          '  - { at: 1s, fault: { type: watchDrop } }',
          '  - { at: 1s, fault: { type: staleView, forMs: 2s } }',
          '  - { at: 1s, fault: { type: reconcileError, controller: rs, count: 1.5 } }',
          '  - { at: 1s, fault: { type: nodeFailure, target: { kind: Pod, name: p } } }',
          '  - { at: 1s, fault: { type: provisioningFailure } }',
          '  - { at: 1s, fault: { type: meteorStrike } }',
        ].join('\n'),
      ),
    ).toEqual([
      'scenario.yaml: timeline[0].fault.code: must be an HTTP error code (400-599), got 200',
      'scenario.yaml: timeline[0].fault.count: must be a positive integer, got 0',
      'scenario.yaml: timeline[1].fault: needs exactly one of count, rate, got count and rate',
      'scenario.yaml: timeline[2].fault.verb: must be one of "get", "list", "watch", "create", "update", "patch", "delete", "deletecollection", got "poke"',
      `scenario.yaml: timeline[2].fault.resource: the server doesn't have a resource type "widgets"`,
      'scenario.yaml: timeline[2].fault.rate: must be a number between 0 and 1, got 1.5',
      'scenario.yaml: timeline[3].fault.jitter: unknown field "jitter" (did you mean "jitterMs"?)',
      'scenario.yaml: timeline[3].fault.ms: must be a duration such as "500ms", "30s", "5m" or "1m30s", got -5',
      'scenario.yaml: timeline[4].fault.ms: must be at most 10m, got 11m',
      'scenario.yaml: timeline[5].fault.rate: is required',
      'scenario.yaml: timeline[6].fault.controller: is required',
      'scenario.yaml: timeline[7].fault.count: must be a positive integer, got 1.5',
      'scenario.yaml: timeline[8].fault.target.kind: must be "Node", got "Pod"',
      'scenario.yaml: timeline[9].fault: needs exactly one of target, rate',
      'scenario.yaml: timeline[10].fault.type: must be one of "apiError", "apiLatency", "watchDrop", "watchExpire", "staleView", "controllerCrash", "reconcileError", "nodeFailure", "provisioningFailure", got "meteorStrike"',
    ]);
  });

  it('names the document and object in manifests, with the API field error', () => {
    const o = opts({
      'scenario.yaml': 'manifests: [cluster.yaml]\n',
      'cluster.yaml': [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata: { name: ok }',
        '---',
        'apiVersion: cluster.x-k8s.io/v1beta2',
        'kind: MachineDeployment',
        'metadata: { name: demo-md-0 }',
        'spec: { replicas: -1 }',
        '---',
        'apiVersion: example.com/v1',
        'kind: Foo',
        'metadata: { name: x }',
        '---',
        'apiVersion: v1',
        'kind: Pod',
        'metadata: { labels: { a: b } }',
        '---',
        'kind: Pod',
        'metadata: { name: p }',
        '---',
        '- just a list',
        '---',
        'apiVersion: apps/v1',
        'kind: ReplicaSet',
        'metadata: { name: big }',
        'spec: { replicas: 100001 }',
      ].join('\n'),
    });
    expect(errorsOf(() => loadScenario('scenario.yaml', o))).toEqual([
      'cluster.yaml: document 2 (MachineDeployment "demo-md-0"): spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      'cluster.yaml: document 3 (Foo "x"): no matches for kind "Foo" in version "example.com/v1"',
      'cluster.yaml: document 4 (Pod): metadata.name: Required value: name or generateName is required',
      'cluster.yaml: document 5 (Pod "p"): apiVersion: Required value',
      'cluster.yaml: document 6: must be a Kubernetes object (a mapping with apiVersion, kind and metadata), got a list',
      'cluster.yaml: document 7 (ReplicaSet "big"): spec.replicas: must be at most 100000 in a scenario, got 100001',
    ]);
  });

  it('keeps the position of a field error for editors', () => {
    try {
      loadScenario(
        's.yaml',
        opts({
          's.yaml': 'manifests: m.yaml',
          'm.yaml': 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: { name: a }\nspec:\n  replicas: -2\n',
        }),
      );
      expect.unreachable();
    } catch (e) {
      expect((e as ScenarioError).issues[0]).toMatchObject({
        file: 'm.yaml',
        path: 'spec.replicas',
        line: 5,
        column: 13,
      });
    }
  });

  it('maps positions inside an inline objects block back to the scenario file', () => {
    try {
      parse(
        'seed: 1\nobjects: |\n  apiVersion: apps/v1\n  kind: ReplicaSet\n  metadata: { name: a }\n  spec: { replicas: -1 }\n',
      );
      expect.unreachable();
    } catch (e) {
      expect((e as ScenarioError).issues[0]).toMatchObject({
        where: 'objects: document 1 (ReplicaSet "a")',
        path: 'spec.replicas',
        line: 6,
        column: 21,
      });
    }
  });

  it('rejects duplicate objects across files', () => {
    const o = opts({
      's.yaml': 'manifests: [a.yaml]\nobjects:\n  - { apiVersion: v1, kind: Pod, metadata: { name: p } }\n',
      'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: p, namespace: default }\n',
    });
    expect(errorsOf(() => loadScenario('s.yaml', o))).toEqual([
      's.yaml: objects[0] (Pod "p"): Pod "p" is already defined in a.yaml: document 1 (Pod "p")',
    ]);
  });

  it('lists missing variables per file, as clusterctl does per template', () => {
    const o = opts({
      's.yaml': 'manifests: [m.yaml]\ntimeline:\n  - { at: 1s, delete: { kind: Pod, name: "${WHO}" } }\n',
      'm.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: ${B}-${A}, labels: { x: "${C:=c}" } }\n',
    });
    expect(errorsOf(() => loadScenario('s.yaml', o))).toEqual([
      "s.yaml: value for variables [WHO] is not set. Set them in the scenario's variables or with --set KEY=VALUE",
    ]);
    const o2 = opts({
      's.yaml': 'manifests: [m.yaml]\n',
      'm.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: ${B}-${A} }\n',
    });
    expect(errorsOf(() => loadScenario('s.yaml', o2))).toEqual([
      "m.yaml: value for variables [A, B] is not set. Set them in the scenario's variables or with --set KEY=VALUE",
    ]);
  });

  it('reports a broken ${ reference with its line and column', () => {
    const o = opts({
      's.yaml': 'manifests: [m.yaml]\n',
      'm.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: { name: ${NAME-x} }\n',
    });
    expect(errorsOf(() => loadScenario('s.yaml', o))).toEqual([
      'm.yaml:3:19: missing closing brace in variable reference "${NAME-x}"',
    ]);
  });

  it('reports a broken ${ reference in the scenario file itself', () => {
    expect(one('seed: 1\ntimeline:\n  - { at: ${WHEN, clearFaults: true }\n')).toEqual([
      'scenario.yaml:3:11: bad substitution in variable reference "${WHEN,"',
    ]);
  });

  it('resolves YAML aliases, but caps them against exponential expansion', () => {
    const s = parse('objects:\n  - &cm { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }\n');
    expect(s.objects[0]!.metadata.name).toBe('a');
    const bomb = [
      'description: x',
      'params:',
      '  a: &a [x, x, x, x, x, x, x, x, x, x]',
      '  b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      '  c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    ].join('\n');
    const errs = one(bomb);
    expect(errs).toHaveLength(1);
    expect(errs[0]).toMatch(/^scenario\.yaml: params\.c\[\d+\]\[\d+\]: more than 100 alias \(\*\) uses$/);
  });

  it('reports unreadable files by the path as written', () => {
    expect(
      errorsOf(() => loadScenario('s.yaml', opts({ 's.yaml': 'manifests: [gone.yaml, ""]\n' }))),
    ).toEqual([
      's.yaml: manifests[0]: cannot read "gone.yaml": no such file',
      's.yaml: manifests[1]: must be a file path, got ""',
    ]);
    expect(errorsOf(() => loadScenario('nope.yaml', opts()))).toEqual([
      'nope.yaml: cannot read: no such file',
    ]);
  });

  it('rejects an empty file, several documents, a non-mapping, and bad variables', () => {
    expect(one('# nothing\n')).toEqual([
      'scenario.yaml: is empty: a scenario needs objects, manifests or a timeline (see docs/scenarios.md)',
    ]);
    expect(one('seed: 1\n---\nseed: 2\n')).toEqual([
      'scenario.yaml: holds 2 YAML documents: a scenario is one document (a manifests file instead has apiVersion and kind at the top level)',
    ]);
    expect(one('- a\n- b\n')).toEqual([
      'scenario.yaml: must be a mapping of scenario fields (name, description, seed, profile, variables, manifests, objects, timeline, until, params, load), got a list',
    ]);
    expect(one('variables: { "A-B": x, C: [1] }\n')).toEqual([
      'scenario.yaml: variables["A-B"]: "A-B" is not a valid variable name (letters, digits and _ only)',
      'scenario.yaml: variables.C: must be a string, number or boolean, got a list',
    ]);
  });

  it('rejects objects that are neither a list nor a YAML string, and an empty apply', () => {
    expect(one('objects: 3\ntimeline:\n  - { at: 0, apply: [] }\n')).toEqual([
      'scenario.yaml: objects: must be a list of objects or a multi-document YAML string, got 3',
      'scenario.yaml: timeline[0].apply: needs at least one object',
    ]);
  });

  it('reports a YAML error inside an inline objects block at its line in the scenario file', () => {
    expect(one('seed: 1\nobjects: |\n  apiVersion: v1\n  kind: [Pod\n')).toEqual([
      'scenario.yaml:5:3: objects: invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });
});
