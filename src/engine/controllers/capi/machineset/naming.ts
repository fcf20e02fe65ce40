/**
 * How a MachineSet names and labels the Machine it creates and the BootstrapConfig/InfraMachine it clones:
 * core/reconcilers/machineset/machineset_controller.go computeDesiredMachine, machineLabelsFromMachineSet,
 * machineAnnotationsFromMachineSet; internal/topology/names/names.go (templateGenerator.GenerateName);
 * controllers/external/util.go GenerateTemplate; util/labels/format MustFormatValue.
 *
 * Truth facts: F40 (Machine, InfraMachine and BootstrapConfig share one name, "{{ .machineSet.name }}-{{ .random }}",
 * 5 random chars; names over 63 chars are cut to 58 + 5 new random chars), F41 (cloned kind without "Template",
 * spec from spec.template, cloned-from annotations, cluster-name label, non-controller ownerRef to the
 * MachineSet; Machine labels = template labels + set-name + deployment-name), §C name patterns.
 */
import { splitApiVersion, type KubeObject, type OwnerReference } from '../../../api/types.ts';
import type { Rng } from '../../../sim/rng.ts';
import { asRecord, asString, path } from '../fields.ts';
import {
  CLUSTER_NAME_LABEL,
  MACHINE_DEPLOYMENT_NAME_LABEL,
  MACHINE_SET_NAME_LABEL,
  TEMPLATE_CLONED_FROM_GROUP_KIND_ANNOTATION,
  TEMPLATE_CLONED_FROM_NAME_ANNOTATION,
} from '../labels.ts';

export const DEFAULT_MACHINE_NAME_TEMPLATE = '{{ .machineSet.name }}-{{ .random }}';
const MAX_NAME_LENGTH = 63;
const RANDOM_LENGTH = 5;
const MAX_GENERATED_NAME_LENGTH = MAX_NAME_LENGTH - RANDOM_LENGTH;

/**
 * Renders a machineNaming template the way text/template with missingkey=error does for the keys CAPI provides
 * (.cluster.name, .machineSet.name, .random). The random suffix is drawn once per name, plus once more when the
 * result is too long.
 */
export function renderMachineName(
  template: string | undefined,
  data: { clusterName: string; machineSetName: string },
  rng: Rng,
): string {
  const tpl = template && template !== '' ? template : DEFAULT_MACHINE_NAME_TEMPLATE;
  if (!/\{\{\s*\.random\s*\}\}/.test(tpl)) {
    throw new Error('cannot generate Machine name: {{ .random }} is missing in machineNaming.template');
  }
  const random = rng.suffix(RANDOM_LENGTH);
  const values: Record<string, string> = {
    '.cluster.name': data.clusterName,
    '.machineSet.name': data.machineSetName,
    '.random': random,
  };
  let name = tpl.replace(/\{\{\s*([^}]*?)\s*\}\}/g, (_, key: string) => {
    const v = values[key];
    if (v === undefined)
      throw new Error(
        `failed to generate Machine name: rendering template: map has no entry for key "${key}"`,
      );
    return v;
  });
  if (name.length > MAX_NAME_LENGTH)
    name = name.slice(0, MAX_GENERATED_NAME_LENGTH) + rng.suffix(RANDOM_LENGTH);
  return name;
}

/** The Machine name for a new replica of ms (spec.machineNaming.template or the default). */
export function machineNameForMachineSet(ms: KubeObject, rng: Rng): string {
  return renderMachineName(
    asString(path(ms.spec, 'machineNaming', 'template')),
    { clusterName: asString(ms.spec?.clusterName) ?? '', machineSetName: ms.metadata.name ?? '' },
    rng,
  );
}

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/**
 * util/labels/format MustFormatValue: a valid label value as is, otherwise "hash_<base64url(fnv32a)>_z" so that
 * long MachineSet names still fit in the set-name label.
 */
export function mustFormatLabelValue(str: string): string {
  if (str.length <= 63 && LABEL_VALUE.test(str)) return str;
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(str)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const bytes = [(h >>> 24) & 0xff, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff];
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const n1 = (bytes[0]! << 16) | (bytes[1]! << 8) | bytes[2]!;
  const n2 = bytes[3]! << 16;
  const enc =
    alphabet[(n1 >>> 18) & 63]! +
    alphabet[(n1 >>> 12) & 63]! +
    alphabet[(n1 >>> 6) & 63]! +
    alphabet[n1 & 63]! +
    alphabet[(n2 >>> 18) & 63]! +
    alphabet[(n2 >>> 12) & 63]!;
  return `hash_${enc}_z`;
}

/** machineLabelsFromMachineSet. */
export function machineLabelsFromMachineSet(ms: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  const tl = asRecord(path(ms.spec, 'template', 'metadata', 'labels'));
  if (tl) for (const [k, v] of Object.entries(tl)) if (typeof v === 'string') out[k] = v;
  out[MACHINE_SET_NAME_LABEL] = mustFormatLabelValue(ms.metadata.name ?? '');
  const md = ms.metadata.labels?.[MACHINE_DEPLOYMENT_NAME_LABEL];
  if (md !== undefined) out[MACHINE_DEPLOYMENT_NAME_LABEL] = md;
  return out;
}

/** machineAnnotationsFromMachineSet: the template annotations, copied. */
export function machineAnnotationsFromMachineSet(ms: KubeObject): Record<string, string> {
  const out: Record<string, string> = {};
  const ta = asRecord(path(ms.spec, 'template', 'metadata', 'annotations'));
  if (ta) for (const [k, v] of Object.entries(ta)) if (typeof v === 'string') out[k] = v;
  return out;
}

export interface GenerateFromTemplateInput {
  template: KubeObject;
  name: string;
  namespace: string;
  clusterName: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerRef?: OwnerReference;
}

/** controllers/external/util.go GenerateTemplate: the object a *Template stamps out. */
export function generateFromTemplate(input: GenerateFromTemplateInput): KubeObject {
  const t = input.template;
  const tmpl = asRecord(path(t.spec, 'template')) ?? {};
  const meta = asRecord(tmpl.metadata) ?? {};
  const annotations: Record<string, string> = {
    ...(asRecord(meta.annotations) as Record<string, string> | undefined),
  };
  Object.assign(annotations, input.annotations);
  const { group } = splitApiVersion(t.apiVersion);
  annotations[TEMPLATE_CLONED_FROM_NAME_ANNOTATION] = t.metadata.name ?? '';
  annotations[TEMPLATE_CLONED_FROM_GROUP_KIND_ANNOTATION] = group ? `${t.kind}.${group}` : t.kind;
  const labels: Record<string, string> = { ...(asRecord(meta.labels) as Record<string, string> | undefined) };
  Object.assign(labels, input.labels);
  labels[CLUSTER_NAME_LABEL] = input.clusterName;
  const kind = t.kind.endsWith('Template') ? t.kind.slice(0, -'Template'.length) : t.kind;
  const out: KubeObject = {
    apiVersion: t.apiVersion,
    kind,
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels,
      annotations,
      ...(input.ownerRef ? { ownerReferences: [input.ownerRef] } : {}),
    },
  };
  if (tmpl.spec !== undefined) out.spec = structuredClone(tmpl.spec) as Record<string, unknown>;
  return out;
}
