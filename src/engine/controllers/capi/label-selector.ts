/**
 * metav1.LabelSelector matching (apimachinery LabelSelectorAsSelector + Matches) for the selectors CAPI objects
 * carry (MachineHealthCheck spec.selector). An empty selector matches everything; a malformed one throws.
 */
import { asRecord, asString } from './fields.ts';

export function matchesLabelSelector(
  labels: Readonly<Record<string, string>> | undefined,
  selector: unknown,
): boolean {
  const l = labels ?? {};
  const sel = asRecord(selector);
  if (!sel) return true;
  const ml = asRecord(sel.matchLabels);
  if (ml) {
    for (const [k, v] of Object.entries(ml)) if (l[k] !== v) return false;
  }
  const exprs = sel.matchExpressions;
  if (exprs === undefined || exprs === null) return true;
  if (!Array.isArray(exprs)) throw new Error('selector matchExpressions must be a list');
  for (const e of exprs) {
    const r = asRecord(e);
    const key = asString(r?.key);
    const op = r?.operator;
    const values = Array.isArray(r?.values)
      ? (r.values as unknown[]).filter((v): v is string => typeof v === 'string')
      : [];
    if (!key) throw new Error('selector expression without a key');
    const has = Object.prototype.hasOwnProperty.call(l, key);
    switch (op) {
      case 'In':
        if (values.length === 0) throw new Error(`selector "In" for key "${key}" needs values`);
        if (!has || !values.includes(l[key]!)) return false;
        break;
      case 'NotIn':
        if (values.length === 0) throw new Error(`selector "NotIn" for key "${key}" needs values`);
        if (has && values.includes(l[key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(
          `selector operator ${String(op)} for key "${key}" is not one of In, NotIn, Exists, DoesNotExist`,
        );
    }
  }
  return true;
}
