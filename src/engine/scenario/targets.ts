/**
 * How an action or fault names its target (DESIGN.md §2): `kind` plus `name`, or a label `selector` and a
 * `pick` ("first" by namespace/name, "random" by seed). Kinds resolve through the API server's registry.
 */
import type { ResourceDefinition } from '../api/resource.ts';
import { describeValue, type PathSegment } from './issues.ts';
import { isRecord, readEnum, readString, type TimelineContext } from './readers.ts';
import type { TargetRef } from './schema.ts';

// apimachinery util/validation/validation.go IsQualifiedName and IsValidLabelValue.
const LABEL_NAME = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function labelKeyError(key: string): string | undefined {
  const slash = key.indexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return 'prefix part must be a lowercase RFC 1123 subdomain';
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63)";
  }
  return undefined;
}

export function labelValueError(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length > 63 || !LABEL_NAME.test(value)) {
    return "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63)";
  }
  return undefined;
}

export interface TargetRules {
  /** The kind when the entry leaves it out; without one, kind is required. */
  defaultKind?: string;
  /** Only these kinds are accepted. */
  onlyKinds?: readonly string[];
  /** The kind must have a scale subresource. */
  needsScale?: boolean;
}

export const TARGET_KEYS = ['kind', 'name', 'namespace', 'selector', 'pick'] as const;

function resolveKind(
  kind: string,
  path: readonly PathSegment[],
  ctx: TimelineContext,
): ResourceDefinition | undefined | null {
  if (!ctx.registry) return null;
  const def = ctx.registry.byKindName(kind) ?? ctx.registry.byName(kind);
  // kubectl's wording for a type discovery does not know (kubectl scale foo/x).
  if (!def) ctx.report(path, `the server doesn't have a resource type "${kind}"`);
  return def;
}

/** The target fields of m (kind, name | selector + pick, namespace), normalised. */
export function readTarget(
  m: Record<string, unknown>,
  path: readonly PathSegment[],
  rules: TargetRules,
  ctx: TimelineContext,
): TargetRef | undefined {
  const before = ctx.reported();
  const target: TargetRef = {};
  const kindRaw = m.kind ?? rules.defaultKind;
  const kind = readString(kindRaw, [...path, 'kind'], ctx);
  let def: ResourceDefinition | undefined | null = null;
  if (kind !== undefined) {
    def = resolveKind(kind, [...path, 'kind'], ctx);
    const resolvedKind = def ? def.kind : kind;
    if (rules.onlyKinds && !rules.onlyKinds.includes(resolvedKind)) {
      ctx.report(
        [...path, 'kind'],
        `must be ${rules.onlyKinds.map((k) => `"${k}"`).join(' or ')}, got "${kind}"`,
      );
    } else if (def && rules.needsScale && !def.subresources?.scale) {
      ctx.report([...path, 'kind'], `${def.kind} has no scale subresource`);
    }
    target.kind = resolvedKind;
  }
  if (m.name !== undefined) {
    const name = readString(m.name, [...path, 'name'], ctx);
    if (name !== undefined) target.name = name;
  }
  if (m.namespace !== undefined) {
    const ns = readString(m.namespace, [...path, 'namespace'], ctx);
    if (ns !== undefined) {
      if (def && def.scope === 'Cluster') ctx.report([...path, 'namespace'], `${def.kind} is cluster-scoped`);
      else target.namespace = ns;
    }
  }
  if (m.selector !== undefined) {
    const sel = m.selector;
    if (!isRecord(sel)) {
      ctx.report(
        [...path, 'selector'],
        `must be a mapping of label keys to values, got ${describeValue(sel)}`,
      );
    } else {
      const selector: Record<string, string> = {};
      for (const [k, v] of Object.entries(sel)) {
        const keyErr = labelKeyError(k);
        if (keyErr) ctx.report([...path, 'selector', k], `invalid label key: ${keyErr}`);
        if (typeof v !== 'string') {
          ctx.report([...path, 'selector', k], `must be a string (quote it), got ${describeValue(v)}`);
          continue;
        }
        const valErr = labelValueError(v);
        if (valErr) ctx.report([...path, 'selector', k], `invalid label value "${v}": ${valErr}`);
        selector[k] = v;
      }
      target.selector = selector;
    }
  }
  if (m.pick !== undefined) {
    const pick = readEnum(m.pick, [...path, 'pick'], ['first', 'random'] as const, ctx);
    if (pick) target.pick = pick;
  }
  if (m.name !== undefined && (m.selector !== undefined || m.pick !== undefined)) {
    ctx.report(path, 'name cannot be combined with selector or pick');
  } else if (m.name === undefined && m.selector === undefined && m.pick === undefined) {
    ctx.report(path, 'needs a name, or a selector and/or pick ("first" or "random")');
  } else if (m.name === undefined && target.pick === undefined) {
    // DESIGN.md §2: a selector picks "first" (by namespace/name) unless it says "random".
    target.pick = 'first';
  }
  return ctx.reported() === before ? target : undefined;
}
