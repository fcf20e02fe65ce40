/**
 * Which MachineSet matches the MachineDeployment's intent: core/reconcilers/machinedeployment/mdutil/util.go
 * MachineTemplateUpToDate, MachineTemplateDeepCopyRolloutFields and FindNewAndOldMachineSets.
 *
 * Truth facts: F50 (only version, bootstrap, infrastructureRef and failureDomain trigger a rollout; labels,
 * annotations, minReadySeconds, readinessGates, deletion timeouts and taints are propagated in place; an expired
 * spec.rollout.after forces a new MachineSet; several matches → the one with most replicas), F51 (the
 * machine-template-hash label value).
 */
import type { KubeObject } from '../../../api/types.ts';
import {
  asNumber,
  asString,
  compareNames,
  creationMs,
  nameOf,
  path,
  readRef,
  timeMs,
  type ObjectRef,
} from '../fields.ts';

export interface UpToDateResult {
  upToDate: boolean;
  /** Human messages as the MD controller logs them ("spec.version v1, v2 required"). */
  logMessages: string[];
  /** Messages as the UpToDate condition shows them ("Version v1, v2 required"). */
  conditionMessages: string[];
  eligibleForInPlaceUpdate: boolean;
}

interface RolloutFields {
  version: string;
  configRef: ObjectRef | undefined;
  dataSecretName: string | undefined;
  infrastructureRef: ObjectRef | undefined;
  failureDomain: string;
}

/** A MachineTemplateSpec ({metadata, spec}) reduced to the fields that trigger a rollout. */
export function rolloutFields(template: unknown): RolloutFields {
  const spec = path(template, 'spec');
  return {
    version: asString(path(spec, 'version')) ?? '',
    configRef: readRef(path(spec, 'bootstrap', 'configRef')),
    dataSecretName: asString(path(spec, 'bootstrap', 'dataSecretName')),
    infrastructureRef: readRef(path(spec, 'infrastructureRef')),
    failureDomain: asString(path(spec, 'failureDomain')) ?? '',
  };
}

const sameRef = (a: ObjectRef | undefined, b: ObjectRef | undefined) =>
  a === b ||
  (a !== undefined && b !== undefined && a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name);
const trimTemplate = (kind: string) => (kind.endsWith('Template') ? kind.slice(0, -'Template'.length) : kind);

/** mdutil.MachineTemplateUpToDate(current, desired). */
export function machineTemplateUpToDate(current: unknown, desired: unknown): UpToDateResult {
  const c = rolloutFields(current);
  const d = rolloutFields(desired);
  const log: string[] = [];
  const cond: string[] = [];
  if (c.version !== d.version) {
    log.push(`spec.version ${c.version}, ${d.version} required`);
    cond.push(`Version ${c.version}, ${d.version} required`);
  }
  const bootstrapEqual = sameRef(c.configRef, d.configRef) && c.dataSecretName === d.dataSecretName;
  if (!bootstrapEqual) {
    if (c.configRef) {
      log.push(
        `spec.bootstrap.configRef ${c.configRef.kind} ${c.configRef.name}, ${d.configRef?.kind ?? ''} ${d.configRef?.name ?? ''} required`,
      );
      cond.push(`${trimTemplate(c.configRef.kind)} is not up-to-date`);
    } else {
      const msg = `spec.bootstrap.dataSecretName ${c.dataSecretName ?? 'nil'}, ${d.dataSecretName ?? 'nil'} required`;
      log.push(msg);
      cond.push(msg);
    }
  }
  if (!sameRef(c.infrastructureRef, d.infrastructureRef)) {
    const ck = c.infrastructureRef?.kind ?? '';
    log.push(
      `spec.infrastructureRef ${ck} ${c.infrastructureRef?.name ?? ''}, ${d.infrastructureRef?.kind ?? ''} ${d.infrastructureRef?.name ?? ''} required`,
    );
    cond.push(`${trimTemplate(ck)} is not up-to-date`);
  }
  if (c.failureDomain !== d.failureDomain) {
    log.push(`spec.failureDomain ${c.failureDomain}, ${d.failureDomain} required`);
    cond.push(`Failure domain ${c.failureDomain}, ${d.failureDomain} required`);
  }
  const upToDate = log.length === 0;
  return { upToDate, logMessages: log, conditionMessages: cond, eligibleForInPlaceUpdate: !upToDate };
}

/** spec.rollout.after of a MachineDeployment as virtual ms, if set. */
export const rolloutAfterMs = (md: KubeObject): number | undefined =>
  timeMs(path(md.spec, 'rollout', 'after'));

const specReplicas = (ms: KubeObject): number | undefined => asNumber(ms.spec?.replicas);

/**
 * mdutil.MachineSetsByDecreasingReplicas: most replicas first (nil replicas last), then older, then by name.
 */
export function compareByDecreasingReplicas(a: KubeObject, b: KubeObject): number {
  const ra = specReplicas(a);
  const rb = specReplicas(b);
  if (ra === undefined || rb === undefined) return ra === rb ? 0 : ra === undefined ? 1 : -1;
  if (ra !== rb) return rb - ra;
  const ta = creationMs(a) ?? Number.NEGATIVE_INFINITY;
  const tb = creationMs(b) ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta - tb;
  return compareNames(nameOf(a), nameOf(b));
}

export interface NewAndOldMachineSets {
  newMS: KubeObject | undefined;
  oldMSs: KubeObject[];
  upToDateResults: Map<string, UpToDateResult>;
  /** Why a new MachineSet must be created (empty when newMS was found). */
  createReason: string;
}

/** mdutil.FindNewAndOldMachineSets(md, msList, now). Does not modify its inputs. */
export function findNewAndOldMachineSets(
  md: KubeObject,
  msList: readonly KubeObject[],
  nowMs: number,
): NewAndOldMachineSets {
  const results = new Map<string, UpToDateResult>();
  if (msList.length === 0) {
    return {
      newMS: undefined,
      oldMSs: [],
      upToDateResults: results,
      createReason: 'no MachineSets exist for the MachineDeployment',
    };
  }
  const sorted = [...msList].sort(compareByDecreasingReplicas);
  const desired = md.spec?.template;
  const after = rolloutAfterMs(md);
  const candidates: KubeObject[] = [];
  const oldMSs: KubeObject[] = [];
  const diffs: string[] = [];
  for (const ms of sorted) {
    const r = machineTemplateUpToDate(ms.spec?.template, desired);
    results.set(nameOf(ms), r);
    if (r.upToDate) {
      candidates.push(ms);
      continue;
    }
    oldMSs.push(ms);
    const created = creationMs(ms) ?? Number.NEGATIVE_INFINITY;
    if (after !== undefined && after < nowMs && created < after) {
      results.set(nameOf(ms), {
        ...r,
        eligibleForInPlaceUpdate: false,
        logMessages: [...r.logMessages, 'MachineDeployment spec.rolloutAfter expired'],
      });
    }
    diffs.push(`MachineSet ${nameOf(ms)} needs rollout: ${results.get(nameOf(ms))!.logMessages.join(', ')}`);
  }
  const discard = (ms: KubeObject) => {
    oldMSs.push(ms);
    results.set(nameOf(ms), {
      upToDate: true,
      logMessages: [],
      conditionMessages: [],
      eligibleForInPlaceUpdate: false,
    });
  };
  if (candidates.length === 0) {
    return {
      newMS: undefined,
      oldMSs,
      upToDateResults: results,
      createReason: `couldn't find MachineSet matching MachineDeployment spec template: ${diffs.join('; ')}`,
    };
  }
  if (after === undefined || nowMs < after) {
    candidates.slice(1).forEach(discard);
    return { newMS: candidates[0], oldMSs, upToDateResults: results, createReason: '' };
  }
  let newMS: KubeObject | undefined;
  for (const ms of candidates) {
    const created = creationMs(ms) ?? Number.NEGATIVE_INFINITY;
    if (newMS === undefined && created >= after) newMS = ms;
    else discard(ms);
  }
  if (!newMS) {
    return {
      newMS: undefined,
      oldMSs,
      upToDateResults: results,
      createReason: `spec.rollout.after on MachineDeployment set to ${String(path(md.spec, 'rollout', 'after'))}, no MachineSet has been created afterwards`,
    };
  }
  return { newMS, oldMSs, upToDateResults: results, createReason: '' };
}

/**
 * The numeric part of the machine-template-hash label: an FNV-32a hash of the rollout fields. Upstream hashes
 * a spew dump of the Go struct (internal/util/hash Compute), which a browser cannot reproduce byte for byte;
 * this hash is stable and changes exactly when the rollout fields change, which is all the label is used for.
 */
export function rolloutFieldsHash(template: unknown): number {
  const f = rolloutFields(template);
  const canonical = JSON.stringify([
    f.version,
    f.configRef ? [f.configRef.apiGroup, f.configRef.kind, f.configRef.name] : null,
    f.dataSecretName ?? null,
    f.infrastructureRef
      ? [f.infrastructureRef.apiGroup, f.infrastructureRef.kind, f.infrastructureRef.name]
      : null,
    f.failureDomain,
  ]);
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(canonical)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
