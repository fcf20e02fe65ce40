/**
 * How a resource type is registered: the facts a CustomResourceDefinition (or a built-in's registry entry)
 * carries, and the hooks the server runs for it. Built-in and CAPI types register the same way.
 */
import type { KubeObject } from './types.ts';

export type Scope = 'Namespaced' | 'Cluster';

export interface PrinterColumn {
  name: string;
  type: 'string' | 'integer' | 'number' | 'boolean' | 'date';
  /** A simple JSONPath such as ".status.phase" or ".metadata.labels['cluster\\.x-k8s\\.io/cluster-name']". */
  jsonPath: string;
  description?: string;
  priority?: number;
  /**
   * For built-in columns that no JSONPath can express (Pod READY "1/1", Node STATUS "Ready,SchedulingDisabled"):
   * the cell value, computed from the object. When set, it wins over jsonPath.
   */
  compute?: (obj: KubeObject) => string | number | boolean | undefined;
}

export interface ScaleSubresource {
  specReplicasPath: string;
  statusReplicasPath: string;
  labelSelectorPath?: string;
}

/** A field error as the API server reports it in a 422 Invalid: `spec.replicas: Invalid value: -1: must be ...`. */
export interface FieldError {
  /** "Invalid", "Required", "Forbidden", "NotSupported", "Duplicate", "TooLong". */
  type:
    | 'FieldValueInvalid'
    | 'FieldValueRequired'
    | 'FieldValueForbidden'
    | 'FieldValueNotSupported'
    | 'FieldValueDuplicate'
    | 'FieldValueTooLong';
  field: string;
  value?: unknown;
  detail: string;
}

export interface ResourceDefinition {
  group: string;
  /** Versions served; the first is the storage version. */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  scope: Scope;
  shortNames?: string[];
  categories?: string[];
  subresources?: { status?: boolean; scale?: ScaleSubresource };
  printerColumns?: PrinterColumn[];
  /** Built-in (compiled-in) types: list items omit kind/apiVersion and kubectl uses strategic merge patch. */
  builtin?: boolean;
  /** DELETE returns the object rather than a Status (pods do; custom resources do not). */
  returnDeletedObject?: boolean;
  /** apps/v1 bumps generation on annotation changes too (k8s pkg/registry/apps/deployment/strategy.go). */
  generationOnAnnotations?: boolean;
  /** Fills defaults in place, as admission defaulting and the OpenAPI schema defaults do. */
  defaulting?: (obj: KubeObject) => void;
  /** Returns field errors; an empty list means valid. old is set on update. */
  validate?: (obj: KubeObject, old?: KubeObject) => FieldError[];
  /** Converts an object written in another served version to the storage version, in place. */
  convertToStorage?: (obj: KubeObject, fromVersion: string) => void;
  /** Converts a stored object to another served version for a client that asked for it. */
  convertFromStorage?: (obj: KubeObject, toVersion: string) => KubeObject;
  /**
   * When metadata.generation moves (default: "nonMetadata" for custom resources, any top-level field other than
   * metadata, fact 67; "spec" for built-ins, their strategies' PrepareForUpdate; "none" for types without
   * generation such as v1.32 Pods, ConfigMaps and Nodes).
   */
  generationPolicy?: 'nonMetadata' | 'spec' | 'none';
  /** Name syntax (default DNS-1123 subdomain; Namespaces use a DNS-1123 label). */
  nameFormat?: 'dns1123Subdomain' | 'dns1123Label';
  /**
   * Field selectors beyond metadata.name/metadata.namespace (Pods: spec.nodeName, status.phase...), as dotted
   * paths; like a CRD's selectableFields.
   */
  selectableFields?: string[];
  /**
   * What status a new object starts with when the type has a status subresource (its PrepareForCreate): by default
   * the client's status is dropped (fact 67); a function returns the initial status (Pods start Pending, ReplicaSets
   * with replicas 0); "keep" stores what the client sent (Nodes: the kubelet registers with its status).
   */
  initialStatus?: 'keep' | ((obj: KubeObject) => Record<string, unknown> | undefined);
  /** Built-ins only: metadata fields a /status write cannot change (Deployments keep labels, Pods ownerReferences). */
  statusUpdateKeeps?: ('labels' | 'annotations' | 'ownerReferences' | 'finalizers')[];
}

/** Answers for kinds nobody registered up front, as if their CRD were installed; undefined when unknown. */
export type KindResolver = (apiVersion: string, kind: string) => ResourceDefinition | undefined;

/** "pods", "replicasets.apps", "machines.cluster.x-k8s.io": the GroupResource string kube-apiserver uses in messages. */
export type ResourceId = string;

export function resourceIdOf(def: Pick<ResourceDefinition, 'plural' | 'group'>): ResourceId {
  return def.group ? `${def.plural}.${def.group}` : def.plural;
}

export interface ResourceRegistry {
  register(def: ResourceDefinition): void;
  all(): readonly ResourceDefinition[];
  byId(id: ResourceId): ResourceDefinition | undefined;
  /** By apiVersion + kind, accepting any served version. */
  byKind(apiVersion: string, kind: string): ResourceDefinition | undefined;
  /** By kind alone when it is unambiguous (scenario files and the CLI name kinds without groups). */
  byKindName(kind: string): ResourceDefinition | undefined;
  /** By plural, singular or short name, optionally qualified with a group ("machines.cluster.x-k8s.io", "md"). */
  byName(name: string): ResourceDefinition | undefined;
  /**
   * Adds a resolver that byKind consults when nothing is registered for a group/kind; what it returns is
   * registered, so byId/byName/watch find it afterwards. createRegistry() always provides it.
   */
  addResolver?(fn: KindResolver): void;
}
