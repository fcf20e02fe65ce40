import { describe, expect, it } from 'vitest';
import { smartLabelFor } from './describe.ts';
import { runKubectl } from './console.ts';
import { settledLab, text } from './testing.ts';

describe('smartLabelFor (kubectl pkg/describe/describe.go)', () => {
  it('splits camelCase into title-cased words and upper-cases the common acronyms', () => {
    expect(smartLabelFor('creationTimestamp')).toBe('Creation Timestamp');
    expect(smartLabelFor('apiVersion')).toBe('API Version');
    expect(smartLabelFor('uid')).toBe('UID');
    expect(smartLabelFor('apiGroup')).toBe('API Group');
    expect(smartLabelFor('matchLabels')).toBe('Match Labels');
  });

  it('leaves a field with digits or dots as it is', () => {
    expect(smartLabelFor('v1beta2')).toBe('v1beta2');
    expect(smartLabelFor('cluster.x-k8s.io/name')).toBe('cluster.x-k8s.io/name');
  });
});

describe('kubectl describe (genericDescriber)', () => {
  it('prints the header, the sorted fields with their blocks aligned, and Events', () => {
    const { target } = settledLab();
    const r = runKubectl('kubectl describe rs web', target);
    expect(r.exitCode).toBe(0);
    const out = text(r.lines);
    // The layout recorded from kubectl v1.32 describing a custom resource.
    expect(
      out.startsWith(
        [
          'Name:         web',
          'Namespace:    default',
          'Labels:       app=web',
          'Annotations:  <none>',
          'API Version:  apps/v1',
          'Kind:         ReplicaSet',
          'Metadata:',
          '  Creation Timestamp:  2026-01-01T00:00:00Z',
          '',
        ].join('\n'),
      ),
    ).toBe(true);
    expect(out).toContain('\n  Selector:\n    Match Labels:\n      App:  web\n');
    expect(out).toMatch(/\nEvents: +<none>$/);
    // kubectl hides the last-applied annotation.
    expect(out).not.toContain('last-applied');
  });

  it('describes every object a name prefixes, and says NotFound when none', () => {
    const { target } = settledLab();
    const r = runKubectl('kubectl describe pods web-', target);
    expect(text(r.lines).match(/^Name:/gm)?.length).toBe(3);
    const miss = runKubectl('kubectl describe pods nope', target);
    expect(miss.exitCode).toBe(1);
    expect(text(miss.lines)).toBe('Error from server (NotFound): pods "nope" not found');
  });
});
