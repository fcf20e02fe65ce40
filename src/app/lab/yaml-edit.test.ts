import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import { loadLabScenario } from './scenario.ts';
import { locateApplyError, manifestOf, objectYaml, parseEdit } from './yaml-edit.ts';

const world = () => createWorld(loadLabScenario('replicaset').options);

const rsYaml = (replicas: string) => `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: web
  namespace: default
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx
`;

describe('parseEdit', () => {
  it('reads a valid manifest into objects, the default namespace filled in as kubectl does', () => {
    const w = world();
    const r = parseEdit(rsYaml('5').replace('  namespace: default\n', ''), w.api);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.objects).toHaveLength(1);
      expect(r.objects[0]!.spec?.replicas).toBe(5);
      expect(r.objects[0]!.metadata.namespace).toBe('default');
    }
  });

  it('places a YAML syntax error at its line and column', () => {
    const r = parseEdit('kind: ReplicaSet\nmetadata:\n  name: [web\n', world().api);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]!.message).toMatch(/invalid YAML/);
      expect(r.issues[0]!.line).toBeGreaterThanOrEqual(3);
    }
  });

  it('names the document and field of a validation error, at the field line', () => {
    const text = rsYaml('-1');
    const r = parseEdit(text, world().api);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const issue = r.issues[0]!;
      expect(issue.message).toContain('document 1 (ReplicaSet "web")');
      expect(issue.message).toContain('spec.replicas');
      expect(issue.line).toBe(text.split('\n').findIndex((l) => l.includes('replicas:')) + 1);
    }
  });

  it('rejects an unknown kind with kubectl\'s "no matches for kind" message', () => {
    const r = parseEdit('apiVersion: apps/v1\nkind: ReplicaZet\nmetadata: { name: x }\n', world().api);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]!.message).toContain('no matches for kind "ReplicaZet"');
  });

  it('rejects empty text', () => {
    expect(parseEdit('   \n', world().api).ok).toBe(false);
  });
});

describe('manifestOf and objectYaml', () => {
  it('drops status and server-owned metadata from the manifest, and hides managedFields in the YAML', () => {
    const w = world();
    const rs = [...w.api.peek('replicasets.apps')][0]!;
    const m = manifestOf(rs);
    expect(m.status).toBeUndefined();
    expect(m.metadata.resourceVersion).toBeUndefined();
    expect(m.metadata.uid).toBeUndefined();
    expect(m.metadata.name).toBe(rs.metadata.name);
    expect(m.spec).toEqual(rs.spec);
    const withManaged = { ...rs, metadata: { ...rs.metadata, managedFields: [{ manager: 'kubectl' }] } };
    const y = objectYaml(withManaged);
    expect(y).not.toContain('managedFields');
    expect(y).toContain(`resourceVersion: "${rs.metadata.resourceVersion}"`);
  });
});

describe('locateApplyError', () => {
  it('points at the line of the field an error names', () => {
    const text = rsYaml('3');
    const at = locateApplyError(
      text,
      'ReplicaSet.apps "web" is invalid: spec.selector: Invalid value: field is immutable',
    );
    expect(text.split('\n')[at.line - 1]).toContain('selector:');
  });
  it('falls back to the first line', () => {
    expect(locateApplyError('a: 1\n', 'conflict').line).toBe(1);
  });
});
