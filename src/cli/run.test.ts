import { describe, expect, it } from 'vitest';
import type { ApiServer } from '../engine/api/api.ts';
import { resourceIdOf } from '../engine/api/resource.ts';
import { memoryFiles } from '../engine/scenario/test-files.ts';
import { createTestRegistry } from '../engine/scenario/test-registry.ts';
import { createSim } from '../engine/sim/sim.ts';
import type { World, WorldOptions, WorldSummary } from '../engine/world/world-types.ts';
import { CONVERGENCE_TIMEOUT_MS, EXIT, runCli, type CliDeps, type CliWorld } from './run.ts';
import { BUNDLED_SCENARIOS } from '../lessons/scenarios/index.ts';

const BUNDLED_IDS = BUNDLED_SCENARIOS.map((s) => s.id).join(', ');

const SCENARIO = [
  'name: demo',
  'seed: 7',
  'variables: { N: 2 }',
  'objects:',
  '  - apiVersion: apps/v1',
  '    kind: ReplicaSet',
  '    metadata: { name: web }',
  '    spec: { replicas: ${N} }',
  'timeline:',
  '  - at: 30s',
  '    scale: { kind: ReplicaSet, name: web, replicas: 3 }',
].join('\n');

const SUMMARY: WorldSummary = {
  converged: true,
  convergedAtMs: 61_500,
  endMs: 61_500,
  objects: { ReplicaSet: { total: 1 }, Pod: { total: 3, Running: 3 } },
  counts: { events: 1234, reconciles: 56, requeues: 3, conflicts: 1 },
};

interface Harness {
  deps: CliDeps;
  out: string[];
  err: string[];
  worlds: WorldOptions[];
  runs: string[];
  written: Record<string, string>;
}

/** A fake world that records what the CLI asked of it; its API server is the scenario tests' registry. */
function harness(
  files: Record<string, string>,
  behaviour: { converged?: boolean; throwOnRun?: string; notes?: string[] } = {},
): Harness {
  const h: Harness = {
    deps: undefined as unknown as CliDeps,
    out: [],
    err: [],
    worlds: [],
    runs: [],
    written: {},
  };
  const registry = createTestRegistry();
  const api = {
    registry,
    validate: (resource: string, obj: Parameters<ApiServer['validate']>[1]) =>
      registry
        .all()
        .find((d) => resourceIdOf(d) === resource)
        ?.validate?.(obj) ?? [],
  } as unknown as ApiServer;
  const createWorld = (opts: WorldOptions): CliWorld => {
    h.worlds.push(opts);
    const sim = createSim({ seed: opts.seed, keepAll: opts.keepTrace ?? true });
    sim.trace.emit('sim.note', { message: 'start' });
    sim.trace.emit('user.action', { action: 'scale', target: 'default/web' });
    const world: World = {
      sim,
      api,
      profile: opts.profile ?? 'classic',
      step: () => false,
      runUntil: (t) => {
        h.runs.push(`until ${t}`);
        sim.scheduler.runUntil(t);
      },
      runToConvergence: (timeout) => {
        h.runs.push(`converge ${timeout}`);
        if (behaviour.throwOnRun) {
          sim.scheduler.runUntil(30_000);
          throw new Error(behaviour.throwOnRun);
        }
        return behaviour.converged === false
          ? { converged: false, atMs: null }
          : { converged: true, atMs: 61_500 };
      },
      isConverged: () => behaviour.converged !== false,
      act: () => {},
      summary: () =>
        behaviour.converged === false
          ? { ...SUMMARY, converged: false, convergedAtMs: null, endMs: 7_200_000 }
          : SUMMARY,
    };
    return behaviour.notes ? { ...world, capi: { notes: behaviour.notes } } : world;
  };
  const mem = memoryFiles(files);
  h.deps = {
    stdout: (t) => h.out.push(t),
    stderr: (t) => h.err.push(t),
    files: mem,
    isFile: (p) => p in files,
    resolveArg: (a) => a,
    bundledDir: 'lessons/',
    openOutput: (p) => {
      if (p.startsWith('/readonly/')) throw new Error('permission denied');
      h.written[p] = '';
      return { write: (c) => void (h.written[p] += c), close: () => {} };
    },
    loadWorld: async () => createWorld,
    env: {},
  };
  return h;
}

describe('runCli', () => {
  it('runs a scenario to convergence and prints the human summary', async () => {
    const h = harness({ 's.yaml': SCENARIO });
    const code0 = await runCli(['s.yaml'], h.deps);
    expect(h.err).toEqual([]);
    expect(code0).toBe(EXIT.ok);
    // One probe world lends its API server to the loader, then the real one runs.
    expect(h.worlds).toHaveLength(2);
    const run = h.worlds[1]!;
    expect(run).toMatchObject({ seed: 7, profile: 'classic', keepTrace: false });
    expect(run.objects![0]!.spec).toEqual({ replicas: 2 });
    expect(run.timeline).toEqual([
      { atMs: 30_000, action: { action: 'scale', target: { kind: 'ReplicaSet', name: 'web' }, replicas: 3 } },
    ]);
    expect(h.runs).toEqual([`converge ${CONVERGENCE_TIMEOUT_MS}`]);
    expect(h.out.join('')).toBe(
      [
        'demo (s.yaml) · seed 7 · profile classic',
        'converged at 1m1s500ms (virtual); ran to 1m1s500ms',
        'objects:',
        '  Pod               3  Running 3',
        '  ReplicaSet        1',
        'counts: 1,234 events, 56 reconciles, 3 requeues, 1 conflicts',
        '',
      ].join('\n'),
    );
    expect(h.err).toEqual([]);
  });

  it('prints exactly the DESIGN.md JSON shape with --json', async () => {
    const h = harness({ 's.yaml': SCENARIO });
    expect(await runCli(['s.yaml', '--json'], h.deps)).toBe(EXIT.ok);
    expect(h.out).toHaveLength(1);
    expect(JSON.parse(h.out[0]!)).toEqual({
      converged: true,
      convergedAtMs: 61_500,
      endMs: 61_500,
      objects: { Pod: { total: 3, Running: 3 }, ReplicaSet: { total: 1 } },
      counts: { events: 1234, reconciles: 56, requeues: 3, conflicts: 1 },
    });
  });

  it('prints one line per "not simulated" note, and a notes array in --json only when there are some', async () => {
    const notes = [
      'not simulated: ClusterResourceSet (addon delivery); ClusterResourceSet default/crs is stored but nothing acts on it, the rest of the scenario runs',
      'not simulated: MachinePool; MachinePool default/mp is stored but nothing acts on it, the rest of the scenario runs',
    ];
    const human = harness({ 's.yaml': SCENARIO }, { notes });
    expect(await runCli(['s.yaml'], human.deps)).toBe(EXIT.ok);
    expect(human.out.join('').split('\n').slice(-4)).toEqual([
      'counts: 1,234 events, 56 reconciles, 3 requeues, 1 conflicts',
      notes[0],
      notes[1],
      '',
    ]);
    const json = harness({ 's.yaml': SCENARIO }, { notes });
    expect(await runCli(['s.yaml', '--json'], json.deps)).toBe(EXIT.ok);
    expect(JSON.parse(json.out[0]!)).toMatchObject({ converged: true, notes });
    const none = harness({ 's.yaml': SCENARIO }, { notes: [] });
    expect(await runCli(['s.yaml', '--json'], none.deps)).toBe(EXIT.ok);
    expect(Object.keys(JSON.parse(none.out[0]!) as object)).not.toContain('notes');
  });

  it('lets the command line override seed, profile, variables and until', async () => {
    const h = harness({ 's.yaml': SCENARIO });
    const code = await runCli(
      ['s.yaml', '--seed', '99', '--profile', 'priority-queue', '--set', 'N=5', '--until', '90s'],
      h.deps,
    );
    expect(code).toBe(EXIT.ok);
    expect(h.worlds[1]).toMatchObject({ seed: 99, profile: 'priority-queue' });
    expect(h.worlds[1]!.objects![0]!.spec).toEqual({ replicas: 5 });
    expect(h.runs).toEqual(['until 90000']);
  });

  it('writes the trace as JSON lines with --trace', async () => {
    const h = harness({ 's.yaml': SCENARIO });
    expect(await runCli(['s.yaml', '--trace', 'out.jsonl', '--json'], h.deps)).toBe(EXIT.ok);
    expect(h.worlds[1]!.keepTrace).toBe(true);
    const lines = h.written['out.jsonl']!.trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { seq: number; type: string });
    expect(lines.map((l) => [l.seq, l.type])).toEqual([
      [1, 'sim.note'],
      [2, 'user.action'],
    ]);
  });

  it('resolves a bundled id to src/lessons/scenarios/<file>', async () => {
    const h = harness({ 'lessons/replicaset.yaml': SCENARIO });
    expect(await runCli(['replicaset', '--json'], h.deps)).toBe(EXIT.ok);
  });

  it('exits 3 when the run does not converge before the timeout', async () => {
    const h = harness({ 's.yaml': SCENARIO }, { converged: false });
    expect(await runCli(['s.yaml'], h.deps)).toBe(EXIT.notConverged);
    expect(h.out.join('')).toContain('did not converge within 2h (virtual); ran to 2h');
  });

  it('exits 2 with a usage line for a bad command line, without loading the world', async () => {
    const h = harness({});
    h.deps.loadWorld = () => Promise.reject(new Error('must not load'));
    expect(await runCli(['s.yaml', '--frobnicate'], h.deps)).toBe(EXIT.usage);
    expect(h.err.join('')).toBe(`sim: unknown option "--frobnicate"\n${(await import('./args.ts')).USAGE}\n`);
  });

  it('exits 1 naming a missing file, or a bad id with the bundled ones', async () => {
    const h = harness({});
    expect(await runCli(['missing.yaml'], h.deps)).toBe(EXIT.error);
    expect(await runCli(['no-such-lesson'], h.deps)).toBe(EXIT.error);
    expect(h.err).toEqual([
      'sim: missing.yaml: no such file\n',
      `sim: no-such-lesson: no such file, and not a bundled scenario (${BUNDLED_IDS})\n`,
    ]);
  });

  it('exits 1 with every scenario problem, naming file and field, and no stack', async () => {
    const h = harness({
      's.yaml': 'seed: -1\ntimeline:\n  - { at: 1m, scale: { kind: ReplicaSet, name: web, replicas: -3 } }\n',
    });
    expect(await runCli(['s.yaml'], h.deps)).toBe(EXIT.error);
    expect(h.err.join('')).toBe(
      [
        's.yaml: seed: must be a non-negative integer no larger than 9007199254740991, got -1',
        's.yaml: timeline[0].scale.replicas: must be a non-negative integer, got -3',
        '',
      ].join('\n'),
    );
    expect(h.worlds).toHaveLength(1);
  });

  it('reports a failing run with the virtual time, and a stack only with RECONCILE_DEBUG=1', async () => {
    const h = harness({ 's.yaml': SCENARIO }, { throwOnRun: 'target: no Pod matching {"app":"web"}' });
    expect(await runCli(['s.yaml'], h.deps)).toBe(EXIT.error);
    expect(h.err).toEqual([
      'sim: s.yaml: the run failed at 30s (virtual): target: no Pod matching {"app":"web"}\n',
    ]);

    const d = harness({ 's.yaml': SCENARIO });
    d.deps.env = { RECONCILE_DEBUG: '1' };
    d.deps.loadWorld = () => Promise.reject(new Error('boom'));
    expect(await runCli(['s.yaml'], d.deps)).toBe(EXIT.error);
    expect(d.err[0]).toBe('sim: boom\n');
    expect(d.err[1]).toMatch(/^Error: boom\n\s+at /);
  });

  it('exits 1 when the trace file cannot be written', async () => {
    const h = harness({ 's.yaml': SCENARIO });
    expect(await runCli(['s.yaml', '--json', '--trace', '/readonly/t.jsonl'], h.deps)).toBe(EXIT.error);
    expect(h.err).toEqual(['sim: --trace /readonly/t.jsonl: cannot write: permission denied\n']);
  });

  it('prints help on stdout and exits 0', async () => {
    const h = harness({});
    expect(await runCli(['--help'], h.deps)).toBe(EXIT.ok);
    expect(h.out.join('')).toMatch(/^usage: npm run sim -- /);
  });
});
