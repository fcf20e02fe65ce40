import { describe, expect, it } from 'vitest';
import { createWorld } from '../../engine/world/world.ts';
import { replayTo } from '../../engine/world/replay.ts';
import { recordHistory, refOfHistoryKey } from './history.ts';
import { loadLabScenario } from './scenario.ts';

const options = () => loadLabScenario('replicaset').options;
const WEB = { kind: 'ReplicaSet', namespace: 'default', name: 'web' };

describe('recordHistory', () => {
  it("starts from the scenario's t = 0 objects, attributed to kubectl, then records each write with its writer", () => {
    const w = createWorld(options());
    const h = recordHistory(w);
    const first = h.versions(WEB);
    expect(first).toHaveLength(1);
    expect(first[0]!.actor).toBe('kubectl');
    expect(first[0]!.t).toBe(0);
    w.runToConvergence();
    const all = h.versions(WEB);
    expect(all.length).toBeGreaterThan(1);
    // resourceVersions only grow (fact: every write gets the next RV), and each entry is the stored object.
    const rvs = all.map((v) => Number(v.rv));
    expect([...rvs].sort((a, b) => a - b)).toEqual(rvs);
    for (const v of all) expect(v.obj.metadata.resourceVersion).toBe(v.rv);
    expect(all.slice(1).some((v) => v.actor === 'replicaset-controller' && v.verb === 'update')).toBe(true);
    const pods = [...h.keys()].map(refOfHistoryKey).filter((r) => r.kind === 'Pod');
    // Three Pods, a replacement for the one deleted at 30 s, two more after the scale to 5 at 60 s.
    expect(pods.length).toBe(6);
    expect(h.versions(pods[0]!)[0]!.actor).toBe('replicaset-controller');
    expect(h.versions(pods[0]!).some((v) => v.actor === 'kubelet')).toBe(true);
    const deleted = pods.filter((p) => h.versions(p).at(-1)!.type === 'DELETED');
    expect(deleted).toHaveLength(1);
    h.dispose();
  });

  it('carried over a seek back, equals what the replayed world would have recorded from the start', () => {
    const w = createWorld(options());
    const h = recordHistory(w);
    w.runUntil(4000);
    const t = 1500;
    const replayed = replayTo(createWorld, options(), [], { atMs: t });
    const carried = recordHistory(replayed, h.upTo(t));
    const fresh = createWorld(options());
    const direct = recordHistory(fresh);
    fresh.runUntil(t);
    expect(carried.size()).toBe(direct.size());
    for (const key of direct.keys()) {
      const ref = refOfHistoryKey(key);
      expect(carried.versions(ref).map((v) => [v.rv, v.t, v.actor])).toEqual(
        direct.versions(ref).map((v) => [v.rv, v.t, v.actor]),
      );
    }
    // And it keeps recording in the replayed world.
    const before = carried.size();
    replayed.runUntil(4000);
    expect(carried.size()).toBe(h.size());
    expect(carried.size()).toBeGreaterThan(before);
  });
});
