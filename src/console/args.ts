/**
 * kubectl's resource arguments (k8s.io/cli-runtime pkg/resource/builder.go ResourceTypeOrNameArgs):
 * `TYPE[,TYPE…] [NAME…]` or `TYPE/NAME…`, never both forms at once.
 */
import { CommandError } from './types.ts';

export interface ResourceArgs {
  /** One entry per type, in order; names empty means "every object the selectors pick". */
  groups: { type: string; names: string[] }[];
  /** True when the arguments name exactly one object (kubectl's singleItemImplied). */
  single: boolean;
}

export function parseResourceArgs(args: readonly string[]): ResourceArgs {
  if (args.some((a) => a.includes('/'))) {
    const groups: ResourceArgs['groups'] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0)
        throw new CommandError(
          "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
        );
      const type = a.slice(0, slash);
      const name = a.slice(slash + 1);
      if (!type || !name)
        throw new CommandError(`error: arguments in resource/name form must have a single resource and name`);
      const g = groups.find((x) => x.type === type);
      if (g) g.names.push(name);
      else groups.push({ type, names: [name] });
    }
    return { groups, single: args.length === 1 };
  }
  const [types, ...names] = args;
  if (types === undefined) return { groups: [], single: false };
  const list = types.split(',').filter((t) => t !== '');
  return {
    groups: list.map((type) => ({ type, names: [...names] })),
    single: list.length === 1 && names.length === 1,
  };
}
