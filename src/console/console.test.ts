import { describe, expect, it } from 'vitest';
import { runKubectl } from './console.ts';
import { advance, settledLab, text } from './testing.ts';

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: demo
data:
  a: "1"`;

describe('kubectl get', () => {
  it('prints the printer columns with kubectl padding and virtual ages (recorded v1.32 layout)', () => {
    const { target } = settledLab();
    const r = runKubectl('kubectl get pods', target);
    expect(r.exitCode).toBe(0);
    const [header, ...rows] = text(r.lines).split('\n');
    expect(header).toBe('NAME        READY   STATUS    RESTARTS   AGE');
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/^web-[a-z0-9]{5} {3}1\/1 {5}Running {3}0 {10}\d+s$/);
  });

  it('adds the priority columns with -o wide and NAMESPACE with -A', () => {
    const { target } = settledLab();
    expect(text(runKubectl('kubectl get rs -o wide', target).lines).split('\n')[0]).toBe(
      'NAME   DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR',
    );
    expect(text(runKubectl('kubectl get po -A', target).lines).split('\n')[0]).toMatch(
      /^NAMESPACE {3}NAME {8}READY/,
    );
  });

  it('prefixes kind.group when several types are listed, with a blank line between tables', () => {
    const { target } = settledLab();
    const lines = text(runKubectl('kubectl get rs,po', target).lines).split('\n');
    expect(lines[1]).toMatch(/^replicaset\.apps\/web {3}3 /);
    expect(lines[2]).toBe('');
    expect(lines[4]).toMatch(/^pod\/web-/);
  });

  it('resolves short names, kinds and TYPE/NAME, and prints -o name', () => {
    const { target } = settledLab();
    for (const c of [
      'kubectl get rs/web -o name',
      'kubectl get ReplicaSet web -o name',
      'kubectl get replicasets.apps web -o name',
    ])
      expect(text(runKubectl(c, target).lines)).toBe('replicaset.apps/web');
  });

  it('prints one object as YAML with sorted keys and YAML 1.1 quoting, several as a List', () => {
    const { target } = settledLab();
    const one = text(runKubectl('kubectl get rs web -o yaml', target).lines);
    expect(one.startsWith('apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n')).toBe(true);
    expect(one).toContain('creationTimestamp: "2026-01-01T00:00:00Z"');
    const list = JSON.parse(text(runKubectl('kubectl get pods -o json', target).lines)) as {
      kind: string;
      items: unknown[];
    };
    expect(list.kind).toBe('List');
    expect(list.items).toHaveLength(3);
  });

  it('filters by label and field selectors, and words a bad selector as the server does', () => {
    const { target } = settledLab();
    expect(text(runKubectl('kubectl get pods -l app=nope', target).lines)).toBe(
      'No resources found in default namespace.',
    );
    const name = text(runKubectl('kubectl get pods -o name', target).lines).split('\n')[0]!.slice(4);
    expect(
      text(runKubectl(`kubectl get pods --field-selector metadata.name=${name} -o name`, target).lines),
    ).toBe(`pod/${name}`);
    const bad = runKubectl(`kubectl get pods -l 'a in (b'`, target);
    expect(bad.exitCode).toBe(1);
    expect(text(bad.lines)).toMatch(
      /^Error from server \(BadRequest\): Unable to find "\/v1, Resource=pods" that match label selector "a in \(b"/,
    );
  });

  it('answers errors with kubectl wording and exit code 1', () => {
    const { target } = settledLab();
    const cases: [string, string][] = [
      ['kubectl get foo', 'error: the server doesn\'t have a resource type "foo"'],
      ['kubectl get pods nope', 'Error from server (NotFound): pods "nope" not found'],
      ['kubectl get pods --bogus', "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage."],
      [
        'kubectl get pods -z',
        "Error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.",
      ],
      ['kubectl get rs web -A', 'error: a resource cannot be retrieved by name across all namespaces'],
    ];
    for (const [cmd, want] of cases) {
      const r = runKubectl(cmd, target);
      expect({ cmd, out: text(r.lines), code: r.exitCode }).toEqual({ cmd, out: want, code: 1 });
      expect(r.lines.every((l) => l.stream === 'err')).toBe(true);
    }
  });

  it('reads without writing: no trace event, no action', () => {
    const { store, target } = settledLab();
    const before = store.getState().world().sim.trace.size();
    runKubectl('kubectl get pods -A', target);
    runKubectl('kubectl describe rs web', target);
    expect(store.getState().world().sim.trace.size()).toBe(before);
    expect(store.getState().world().actions).toHaveLength(0);
  });
});

describe('kubectl get -w', () => {
  it('prints a row per change with the table widths, and nothing after stop()', () => {
    const { store, target } = settledLab();
    const r = runKubectl('kubectl get pods -w', target);
    expect(r.watch).toBeDefined();
    const headerWidth = text(r.lines).split('\n')[0]!.indexOf('READY');
    runKubectl('kubectl scale rs web --replicas=5', target);
    advance(store, 10_000);
    const rows = r.watch!.drain().map((l) => l.text);
    expect(rows.some((l) => /Pending/.test(l))).toBe(true);
    expect(rows.some((l) => /1\/1 +Running/.test(l))).toBe(true);
    for (const row of rows) expect(row.indexOf(row.includes('0/1') ? '0/1' : '1/1')).toBe(headerWidth);
    r.watch!.stop();
    runKubectl('kubectl scale rs web --replicas=1', target);
    advance(store, 10_000);
    expect(r.watch!.drain()).toEqual([]);
  });

  it('adds an EVENT column with --output-watch-events', () => {
    const { store, target } = settledLab();
    const r = runKubectl('kubectl get rs -w --output-watch-events', target);
    expect(text(r.lines).split('\n')[1]).toMatch(/^ADDED {3}web/);
    runKubectl('kubectl scale rs web --replicas=4', target);
    advance(store, 1000);
    expect(r.watch!.drain()[0]?.text).toMatch(/^MODIFIED {3}web +4 /);
    r.watch!.stop();
  });
});

describe('kubectl scale, patch, delete, apply', () => {
  it('scales through a recorded action and the controller follows', () => {
    const { store, target } = settledLab();
    const r = runKubectl('kubectl scale rs/web --replicas=5', target);
    expect(text(r.lines)).toBe('replicaset.apps/web scaled');
    expect(store.getState().world().actions.at(-1)?.action).toMatchObject({ action: 'scale', replicas: 5 });
    advance(store, 30_000);
    expect(store.getState().snap.pods).toHaveLength(5);
  });

  it('checks scale preconditions and arguments as kubectl does', () => {
    const { target } = settledLab();
    expect(text(runKubectl('kubectl scale rs web', target).lines)).toBe(
      'error: required flag(s) "replicas" not set',
    );
    expect(text(runKubectl('kubectl scale rs nope --replicas=2', target).lines)).toBe(
      'error: no objects passed to scale replicasets.apps "nope" not found',
    );
    expect(text(runKubectl('kubectl scale rs web --current-replicas=2 --replicas=4', target).lines)).toBe(
      'error: Expected replicas to be 2, was 3',
    );
  });

  it('patches with merge, JSON and strategic patches, and says (no change) for a no-op', () => {
    const { store, target } = settledLab();
    expect(
      text(runKubectl(`kubectl patch rs web -p '{"metadata":{"labels":{"x":"y"}}}'`, target).lines),
    ).toBe('replicaset.apps/web patched');
    expect(
      text(
        runKubectl(`kubectl patch rs web --type merge -p '{"metadata":{"labels":{"x":"y"}}}'`, target).lines,
      ),
    ).toBe('replicaset.apps/web patched (no change)');
    runKubectl(
      `kubectl patch rs web --type json -p '[{"op":"add","path":"/metadata/labels/z","value":"1"}]'`,
      target,
    );
    expect(text(runKubectl('kubectl get rs web --show-labels', target).lines)).toMatch(/app=web,x=y,z=1$/);
    // Every write is a recorded action the replay can repeat; the strategic patch is kept as its merge patch.
    expect(
      store
        .getState()
        .world()
        .actions.map((a) => a.action.action),
    ).toEqual(['patch', 'patch']);
  });

  it("rejects an invalid patch with the server's 422 wording and changes nothing", () => {
    const { store, target } = settledLab();
    const r = runKubectl(`kubectl patch rs web --type merge -p '{"spec":{"replicas":-1}}'`, target);
    expect(r.exitCode).toBe(1);
    expect(text(r.lines)).toMatch(/^The ReplicaSet "web" is invalid: spec\.replicas: Invalid value: -1: /);
    expect(store.getState().world().actions).toHaveLength(0);
  });

  it('deletes and then reports NotFound', () => {
    const { target } = settledLab();
    const name = text(runKubectl('kubectl get pods -o name', target).lines).split('\n')[0]!;
    expect(text(runKubectl(`kubectl delete ${name}`, target).lines)).toBe(`pod "${name.slice(4)}" deleted`);
    expect(text(runKubectl('kubectl delete cm nope', target).lines)).toBe(
      'Error from server (NotFound): configmaps "nope" not found',
    );
    expect(text(runKubectl('kubectl delete pods', target).lines)).toBe(
      'error: resource(s) were provided, but no name was specified',
    );
  });

  it('applies pasted YAML: created, unchanged, configured (kubectl apply.go)', () => {
    const { target } = settledLab();
    expect(text(runKubectl(`kubectl apply -f - <<EOF\n${CM}\nEOF`, target).lines)).toBe(
      'configmap/demo created',
    );
    expect(text(runKubectl(`kubectl apply -f -\n${CM}`, target).lines)).toBe('configmap/demo unchanged');
    expect(text(runKubectl(`kubectl apply -f -\n${CM.replace('"1"', '"2"')}`, target).lines)).toBe(
      'configmap/demo configured',
    );
  });

  it('reports an unknown kind and a missing file as kubectl does, applying the good documents', () => {
    const { target } = settledLab();
    const r = runKubectl(
      `kubectl apply -f -\n${CM}\n---\napiVersion: v1\nkind: Foo\nmetadata:\n  name: x`,
      target,
    );
    expect(r.exitCode).toBe(1);
    expect(text(r.lines)).toBe(
      'configmap/demo created\nerror: resource mapping not found for name: "x" namespace: "" from "STDIN": no matches for kind "Foo" in version "v1"\nensure CRDs are installed first',
    );
    expect(text(runKubectl('kubectl apply -f md.yaml', target).lines)).toBe(
      'error: the path "md.yaml" does not exist',
    );
    expect(text(runKubectl('kubectl apply', target).lines)).toBe('error: must specify one of -f and -k');
  });

  it('refuses a manifest whose namespace disagrees with -n', () => {
    const { target } = settledLab();
    const r = runKubectl(
      `kubectl apply -n other -f -\n${CM.replace('name: demo', 'name: demo\n  namespace: default')}`,
      target,
    );
    expect(text(r.lines)).toMatch(
      /^error: the namespace from the provided object "default" does not match the namespace "other"/,
    );
  });
});

describe('the console itself', () => {
  it('prints help, versions and api-resources from the registry', () => {
    const { target } = settledLab();
    expect(text(runKubectl('kubectl help', target).lines)).toContain('get');
    expect(text(runKubectl('kubectl version', target).lines)).toContain('Server Version: v1.32.0');
    const res = text(runKubectl('kubectl api-resources', target).lines).split('\n');
    expect(res[0]).toMatch(/^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/);
    expect(res.find((l) => l.startsWith('machinedeployments '))).toMatch(
      / md +cluster\.x-k8s\.io\/v1beta2 +true +MachineDeployment$/,
    );
  });

  it('runs only kubectl', () => {
    const { target } = settledLab();
    const r = runKubectl('ls -l', target);
    expect(r.exitCode).toBe(127);
    expect(text(runKubectl('kubectl frobnicate', target).lines)).toMatch(
      /^error: unknown command "frobnicate" for "kubectl"/,
    );
  });
});
