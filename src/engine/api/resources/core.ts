/**
 * The core/v1 kinds the simulator serves: Namespace, Pod, Node, Secret, ConfigMap, Event. Defaults follow
 * k8s.io/kubernetes pkg/apis/core/v1/defaults.go, validation a subset of pkg/apis/core/validation/validation.go
 * with the upstream messages, printer columns what `kubectl get` prints (pkg/printers/internalversion/printers.go).
 * The Pod template helpers are shared with apps/v1.
 */
import {
  fieldDuplicate,
  fieldForbidden,
  fieldInvalid,
  fieldNotSupported,
  fieldRequired,
} from '../field-errors.ts';
import { isPlainObject, jsonEqual } from '../json.ts';
import { isDNS1123Label, isDNS1123Subdomain, regexError } from '../names.ts';
import type { FieldError, PrinterColumn, ResourceDefinition } from '../resource.ts';
import type { KubeObject } from '../types.ts';
import { validateAnnotations, validateLabels } from '../validation.ts';

type Obj = Record<string, unknown>;

const asObj = (v: unknown): Obj | undefined => (isPlainObject(v) ? v : undefined);
const asList = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);

export const AGE_COLUMN: PrinterColumn = {
  name: 'Age',
  type: 'date',
  jsonPath: '.metadata.creationTimestamp',
};

// --- Pod spec: defaults (core/v1/defaults.go SetDefaults_PodSpec, SetDefaults_Container) ---

function defaultImagePullPolicy(image: unknown): string {
  // defaults.go SetDefaults_Container: ":latest" or no tag means Always.
  if (typeof image !== 'string') return 'IfNotPresent';
  const lastSegment = image.slice(image.lastIndexOf('/') + 1);
  const tagged = lastSegment.includes(':') || image.includes('@');
  return !tagged || image.endsWith(':latest') ? 'Always' : 'IfNotPresent';
}

function defaultContainer(c: Obj): void {
  c.imagePullPolicy ??= defaultImagePullPolicy(c.image);
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of asList(c.ports)) p.protocol ??= 'TCP';
}

/** Fills a PodSpec's defaults in place (pods and pod templates alike). */
export function defaultPodSpec(spec: Obj): void {
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  for (const c of asList(spec.containers)) defaultContainer(c);
  for (const c of asList(spec.initContainers)) defaultContainer(c);
}

// --- Pod spec: validation (core/validation/validation.go ValidatePodSpec, a subset) ---

const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

function validateContainers(list: unknown, field: string, required: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const items = asList(list);
  if (required && items.length === 0) return [fieldRequired(field)];
  const names = new Set<string>();
  items.forEach((c, i) => {
    const f = `${field}[${i}]`;
    const name = typeof c.name === 'string' ? c.name : '';
    if (!name) errs.push(fieldRequired(`${f}.name`));
    else {
      for (const m of isDNS1123Label(name)) errs.push(fieldInvalid(`${f}.name`, name, m));
      if (names.has(name)) errs.push(fieldDuplicate(`${f}.name`, name));
      names.add(name);
    }
    if (typeof c.image !== 'string' || c.image.trim() === '') errs.push(fieldRequired(`${f}.image`));
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy as string)) {
      errs.push(fieldNotSupported(`${f}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    }
    asList(c.ports).forEach((p, j) => {
      const port = p.containerPort;
      if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) {
        errs.push(
          fieldInvalid(`${f}.ports[${j}].containerPort`, port ?? 0, 'must be between 1 and 65535, inclusive'),
        );
      }
    });
  });
  return errs;
}

export function validatePodSpec(spec: unknown, field: string): FieldError[] {
  const s = asObj(spec);
  if (!s) return [fieldRequired(field)];
  const errs = validateContainers(s.containers, `${field}.containers`, true);
  errs.push(...validateContainers(s.initContainers, `${field}.initContainers`, false));
  if (s.restartPolicy !== undefined && !RESTART_POLICIES.includes(s.restartPolicy as string)) {
    errs.push(fieldNotSupported(`${field}.restartPolicy`, s.restartPolicy, RESTART_POLICIES));
  }
  if (s.dnsPolicy !== undefined && !DNS_POLICIES.includes(s.dnsPolicy as string)) {
    errs.push(fieldNotSupported(`${field}.dnsPolicy`, s.dnsPolicy, DNS_POLICIES));
  }
  if (s.nodeName !== undefined && s.nodeName !== '') {
    for (const m of isDNS1123Subdomain(String(s.nodeName)))
      errs.push(fieldInvalid(`${field}.nodeName`, s.nodeName, m));
  }
  return errs;
}

/** validation.go ValidatePodTemplateSpec: template labels/annotations, then the PodSpec. */
export function validatePodTemplate(template: unknown, field: string): FieldError[] {
  const t = asObj(template);
  if (!t) return [fieldRequired(field)];
  const meta = asObj(t.metadata) ?? {};
  return [
    ...validateLabels(meta.labels, `${field}.metadata.labels`),
    ...validateAnnotations(meta.annotations, `${field}.metadata.annotations`),
    ...validatePodSpec(t.spec, `${field}.spec`),
  ];
}

// validation.go ValidatePodUpdate: only images, activeDeadlineSeconds, tolerations (additions) and
// terminationGracePeriodSeconds may change. SIMPLIFIED: spec.nodeName may also be set once, because the
// simulator has no pods/binding subresource for the scheduler to use.
const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const POD_SPEC_MUTABLE = new Set([
  'containers',
  'initContainers',
  'activeDeadlineSeconds',
  'terminationGracePeriodSeconds',
  'tolerations',
  'nodeName',
]);

/** Containers equal but for their image (compared without copying: this runs on every Pod write). */
function sameContainersButImage(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const x = asList(a);
  const y = asList(b);
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const c = x[i]!;
    const d = y[i]!;
    for (const k in c) if (k !== 'image' && !jsonEqual(c[k], d[k])) return false;
    for (const k in d) if (k !== 'image' && !(k in c) && d[k] !== undefined) return false;
  }
  return true;
}

function validatePodUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = asObj(obj.spec) ?? {};
  const oldSpec = asObj(old.spec) ?? {};
  if (spec === oldSpec) return [];
  let ok = sameContainersButImage(spec.containers, oldSpec.containers);
  ok &&= sameContainersButImage(spec.initContainers, oldSpec.initContainers);
  ok &&= !oldSpec.nodeName || spec.nodeName === oldSpec.nodeName;
  if (ok) {
    for (const k in spec) if (!POD_SPEC_MUTABLE.has(k) && !jsonEqual(spec[k], oldSpec[k])) ok = false;
    for (const k in oldSpec)
      if (!POD_SPEC_MUTABLE.has(k) && !(k in spec) && oldSpec[k] !== undefined) ok = false;
  }
  return ok ? [] : [fieldForbidden('spec', POD_UPDATE_FORBIDDEN)];
}

/** qos.GetPodQOS, simplified to cpu/memory requests and limits. */
function podQosClass(obj: KubeObject): string {
  const containers = asList(asObj(obj.spec)?.containers);
  let any = false;
  let guaranteed = containers.length > 0;
  for (const c of containers) {
    const res = asObj(c.resources) ?? {};
    const req = asObj(res.requests) ?? {};
    const lim = asObj(res.limits) ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (l === undefined || q !== l) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

// --- printers (pkg/printers/internalversion/printers.go) ---

function podStatusReason(obj: KubeObject): string {
  const status = asObj(obj.status) ?? {};
  let reason =
    typeof status.reason === 'string' && status.reason ? status.reason : String(status.phase ?? 'Pending');
  for (const cs of asList(status.containerStatuses)) {
    const state = asObj(cs.state) ?? {};
    const waiting = asObj(state.waiting);
    const terminated = asObj(state.terminated);
    if (waiting?.reason) reason = String(waiting.reason);
    else if (terminated?.reason) reason = String(terminated.reason);
    else if (terminated) {
      reason = terminated.signal ? `Signal:${terminated.signal}` : `ExitCode:${terminated.exitCode ?? 0}`;
    }
  }
  if (obj.metadata.deletionTimestamp) reason = status.reason === 'NodeLost' ? 'Unknown' : 'Terminating';
  return reason;
}

function podReady(obj: KubeObject): string {
  const total = asList(asObj(obj.spec)?.containers).length;
  const ready = asList(asObj(obj.status)?.containerStatuses).filter((c) => c.ready === true).length;
  return `${ready}/${total}`;
}

function podRestarts(obj: KubeObject): number {
  return asList(asObj(obj.status)?.containerStatuses).reduce((n, c) => n + (Number(c.restartCount) || 0), 0);
}

function nodeStatus(obj: KubeObject): string {
  const ready = asList(asObj(obj.status)?.conditions).find((c) => c.type === 'Ready');
  let s = !ready
    ? 'Unknown'
    : ready.status === 'True'
      ? 'Ready'
      : ready.status === 'False'
        ? 'NotReady'
        : 'Unknown';
  if (asObj(obj.spec)?.unschedulable === true) s += ',SchedulingDisabled';
  return s;
}

function nodeRoles(obj: KubeObject): string {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(obj.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) roles.add(k.slice('node-role.kubernetes.io/'.length));
    else if (k === 'kubernetes.io/role') roles.add(v);
  }
  return roles.size ? [...roles].sort().join(',') : '<none>';
}

const dataCount = (obj: KubeObject): number =>
  Object.keys(asObj(obj.data) ?? {}).length + Object.keys(asObj(obj.binaryData) ?? {}).length;

// --- ConfigMap / Secret keys (validation.go IsConfigMapKey) ---

const CONFIG_MAP_KEY_FMT = '[-._a-zA-Z0-9]+';
const CONFIG_MAP_KEY_RE = /^[-._a-zA-Z0-9]+$/;

function validateDataKeys(data: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(asObj(data) ?? {})) {
    if (!CONFIG_MAP_KEY_RE.test(k)) {
      errs.push(
        fieldInvalid(
          field,
          k,
          regexError(
            "a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
            CONFIG_MAP_KEY_FMT,
            'key.name',
            'KEY_NAME',
            'key-name',
          ),
        ),
      );
    } else if (k.length > 253) errs.push(fieldInvalid(field, k, 'must be no more than 253 characters'));
  }
  return errs;
}

function validateImmutableData(obj: KubeObject, old: KubeObject | undefined, fields: string[]): FieldError[] {
  if (!old || old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true)
    errs.push(fieldForbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) {
    if (!jsonEqual(obj[f] ?? null, old[f] ?? null))
      errs.push(fieldForbidden(f, 'field is immutable when `immutable` is set'));
  }
  return errs;
}

function base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

// --- definitions ---

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public'];

function namespaceResource(): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    kind: 'Namespace',
    listKind: 'NamespaceList',
    plural: 'namespaces',
    singular: 'namespace',
    shortNames: ['ns'],
    scope: 'Cluster',
    builtin: true,
    nameFormat: 'dns1123Label',
    generationPolicy: 'none',
    subresources: { status: true },
    selectableFields: ['status.phase'],
    printerColumns: [{ name: 'Status', type: 'string', jsonPath: '.status.phase' }, AGE_COLUMN],
    // namespace/strategy.go PrepareForCreate: phase Active; defaults: the "kubernetes" spec finalizer.
    initialStatus: () => ({ phase: 'Active' }),
    defaulting: (obj) => {
      const spec = (obj.spec ??= {});
      spec.finalizers ??= ['kubernetes'];
    },
  };
}

function podResource(): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    listKind: 'PodList',
    plural: 'pods',
    singular: 'pod',
    shortNames: ['po'],
    categories: ['all'],
    scope: 'Namespaced',
    builtin: true,
    returnDeletedObject: true,
    generationPolicy: 'none',
    subresources: { status: true },
    statusUpdateKeeps: ['ownerReferences'],
    selectableFields: [
      'spec.nodeName',
      'spec.restartPolicy',
      'spec.schedulerName',
      'spec.serviceAccountName',
      'spec.hostNetwork',
      'status.phase',
      'status.podIP',
      'status.nominatedNodeName',
    ],
    printerColumns: [
      { name: 'Ready', type: 'string', jsonPath: '.status.containerStatuses', compute: podReady },
      { name: 'Status', type: 'string', jsonPath: '.status.phase', compute: podStatusReason },
      { name: 'Restarts', type: 'integer', jsonPath: '.status.containerStatuses', compute: podRestarts },
      AGE_COLUMN,
      { name: 'IP', type: 'string', jsonPath: '.status.podIP', priority: 1 },
      { name: 'Node', type: 'string', jsonPath: '.spec.nodeName', priority: 1 },
    ],
    // pod/strategy.go PrepareForCreate: status starts Pending with the computed QoS class.
    initialStatus: (obj) => ({ phase: 'Pending', qosClass: podQosClass(obj) }),
    defaulting: (obj) => {
      const spec = asObj(obj.spec);
      if (spec) {
        defaultPodSpec(spec);
        spec.enableServiceLinks ??= true;
      }
    },
    validate: (obj, old) => [
      ...validatePodSpec(obj.spec, 'spec'),
      ...(old ? validatePodUpdate(obj, old) : []),
    ],
  };
}

function nodeResource(): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    kind: 'Node',
    listKind: 'NodeList',
    plural: 'nodes',
    singular: 'node',
    shortNames: ['no'],
    scope: 'Cluster',
    builtin: true,
    generationPolicy: 'none',
    subresources: { status: true },
    initialStatus: 'keep',
    selectableFields: ['spec.unschedulable'],
    printerColumns: [
      { name: 'Status', type: 'string', jsonPath: '.status.conditions', compute: nodeStatus },
      { name: 'Roles', type: 'string', jsonPath: '.metadata.labels', compute: nodeRoles },
      AGE_COLUMN,
      { name: 'Version', type: 'string', jsonPath: '.status.nodeInfo.kubeletVersion' },
    ],
    validate: (obj) => {
      const spec = asObj(obj.spec) ?? {};
      if (spec.providerID !== undefined && typeof spec.providerID !== 'string') {
        return [fieldInvalid('spec.providerID', spec.providerID, 'must be a string')];
      }
      return [];
    },
  };
}

function secretResource(): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    kind: 'Secret',
    listKind: 'SecretList',
    plural: 'secrets',
    singular: 'secret',
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'none',
    selectableFields: ['type'],
    printerColumns: [
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Data', type: 'integer', jsonPath: '.data', compute: dataCount },
      AGE_COLUMN,
    ],
    defaulting: (obj) => {
      obj.type ??= 'Opaque';
      // core/v1 conversion: stringData is write-only, merged into data as base64.
      const stringData = asObj(obj.stringData);
      if (stringData) {
        const data = (asObj(obj.data) ?? {}) as Obj;
        for (const [k, v] of Object.entries(stringData)) data[k] = base64(String(v));
        obj.data = data;
        delete obj.stringData;
      }
    },
    validate: (obj, old) => {
      const errs = validateDataKeys(obj.data, 'data');
      for (const [k, v] of Object.entries(asObj(obj.data) ?? {})) {
        if (typeof v !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(v) || v.length % 4 !== 0) {
          errs.push(fieldInvalid(`data[${k}]`, v, 'must be base64-encoded'));
        }
      }
      if (old && old.type !== obj.type) errs.push(fieldInvalid('type', obj.type, 'field is immutable'));
      return [...errs, ...validateImmutableData(obj, old, ['data'])];
    },
  };
}

function configMapResource(): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    kind: 'ConfigMap',
    listKind: 'ConfigMapList',
    plural: 'configmaps',
    singular: 'configmap',
    shortNames: ['cm'],
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'none',
    printerColumns: [{ name: 'Data', type: 'integer', jsonPath: '.data', compute: dataCount }, AGE_COLUMN],
    validate: (obj, old) => {
      const errs = [...validateDataKeys(obj.data, 'data'), ...validateDataKeys(obj.binaryData, 'binaryData')];
      for (const [k, v] of Object.entries(asObj(obj.data) ?? {})) {
        if (typeof v !== 'string') errs.push(fieldInvalid(`data[${k}]`, v, 'must be a string'));
      }
      for (const k of Object.keys(asObj(obj.data) ?? {})) {
        if (asObj(obj.binaryData)?.[k] !== undefined)
          errs.push(fieldInvalid('data', k, 'duplicate of key present in binaryData'));
      }
      return [...errs, ...validateImmutableData(obj, old, ['data', 'binaryData'])];
    },
  };
}

function eventResource(): ResourceDefinition {
  return {
    group: '',
    versions: ['v1'],
    kind: 'Event',
    listKind: 'EventList',
    plural: 'events',
    singular: 'event',
    shortNames: ['ev'],
    scope: 'Namespaced',
    builtin: true,
    generationPolicy: 'none',
    selectableFields: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'source',
      'type',
    ],
    printerColumns: [
      { name: 'Last Seen', type: 'date', jsonPath: '.lastTimestamp' },
      { name: 'Type', type: 'string', jsonPath: '.type' },
      { name: 'Reason', type: 'string', jsonPath: '.reason' },
      {
        name: 'Object',
        type: 'string',
        jsonPath: '.involvedObject',
        compute: (obj) => {
          const io = asObj(obj.involvedObject) ?? {};
          return `${String(io.kind ?? '').toLowerCase()}/${String(io.name ?? '')}`;
        },
      },
      { name: 'Message', type: 'string', jsonPath: '.message' },
    ],
    defaulting: (obj) => {
      obj.type ??= 'Normal';
    },
    validate: (obj) => {
      const errs: FieldError[] = [];
      const io = asObj(obj.involvedObject);
      if (!io) errs.push(fieldRequired('involvedObject'));
      else if (io.namespace && io.namespace !== obj.metadata.namespace) {
        errs.push(fieldInvalid('involvedObject.namespace', io.namespace, 'does not match event.namespace'));
      }
      if (obj.type !== 'Normal' && obj.type !== 'Warning') {
        errs.push(fieldNotSupported('type', obj.type, ['Normal', 'Warning']));
      }
      return errs;
    },
  };
}

/** core/v1 resource definitions, fresh each call (definitions hold no state). */
export function coreResources(): ResourceDefinition[] {
  return [
    namespaceResource(),
    podResource(),
    nodeResource(),
    secretResource(),
    configMapResource(),
    eventResource(),
  ];
}
