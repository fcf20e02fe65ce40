/**
 * Flag parsing as kubectl's cobra/pflag does it: `--name=value`, `--name value`, `-n value`, `-nvalue`,
 * `-n=value`, bundled boolean shorthands (`-Aw`), flags anywhere among the arguments, `--` ending the flags.
 * Errors carry pflag's wording (github.com/spf13/pflag flag.go parseLongArg/parseSingleShortArg, and the
 * strconv messages of its int parser).
 */

export type FlagKind = 'bool' | 'string' | 'int' | 'strings';

export interface FlagSpec {
  name: string;
  short?: string;
  kind: FlagKind;
}

export type FlagValue = string | boolean | number | string[];

export interface ParsedFlags {
  values: Map<string, FlagValue>;
  args: string[];
}

/** A usage error: kubectl prints `Error: <message>` and `See 'kubectl <cmd> --help' for usage.` */
export class FlagError extends Error {}

function setValue(values: Map<string, FlagValue>, spec: FlagSpec, raw: string, shown: string): void {
  switch (spec.kind) {
    case 'bool': {
      const v = { true: true, '1': true, t: true, T: true, TRUE: true, True: true }[raw];
      const f = { false: false, '0': false, f: false, F: false, FALSE: false, False: false }[raw];
      if (v === undefined && f === undefined)
        throw new FlagError(
          `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(shown)} flag: strconv.ParseBool: parsing ${JSON.stringify(raw)}: invalid syntax`,
        );
      values.set(spec.name, v ?? false);
      return;
    }
    case 'int':
      if (!/^[+-]?\d+$/.test(raw))
        throw new FlagError(
          `invalid argument ${JSON.stringify(raw)} for ${JSON.stringify(shown)} flag: strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`,
        );
      values.set(spec.name, Number(raw));
      return;
    case 'strings': {
      const prev = values.get(spec.name);
      values.set(spec.name, [...(Array.isArray(prev) ? prev : []), ...raw.split(',')]);
      return;
    }
    case 'string':
      values.set(spec.name, raw);
  }
}

export function parseFlags(words: readonly string[], specs: readonly FlagSpec[]): ParsedFlags {
  const values = new Map<string, FlagValue>();
  const args: string[] = [];
  const long = new Map(specs.map((s) => [s.name, s]));
  const short = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      const spec = long.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (eq >= 0) setValue(values, spec, w.slice(eq + 1), `--${name}`);
      else if (spec.kind === 'bool') values.set(spec.name, true);
      else if (i + 1 < words.length) setValue(values, spec, words[++i]!, `--${name}`);
      else throw new FlagError(`flag needs an argument: --${name}`);
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const c = w[j]!;
        const spec = short.get(c);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in ${w}`);
        const shown = `-${c}, --${spec.name}`;
        if (spec.kind === 'bool') {
          if (w[j + 1] === '=') {
            setValue(values, spec, w.slice(j + 2), shown);
            break;
          }
          values.set(spec.name, true);
          continue;
        }
        const rest = w.slice(j + 1);
        if (rest !== '') setValue(values, spec, rest.startsWith('=') ? rest.slice(1) : rest, shown);
        else if (i + 1 < words.length) setValue(values, spec, words[++i]!, shown);
        else throw new FlagError(`flag needs an argument: '${c}' in -${c}`);
        break;
      }
      continue;
    }
    args.push(w);
  }
  return { values, args };
}

export const flagString = (f: ParsedFlags, name: string): string | undefined => {
  const v = f.values.get(name);
  return typeof v === 'string' ? v : undefined;
};
export const flagBool = (f: ParsedFlags, name: string): boolean => f.values.get(name) === true;
export const flagInt = (f: ParsedFlags, name: string): number | undefined => {
  const v = f.values.get(name);
  return typeof v === 'number' ? v : undefined;
};
export const flagStrings = (f: ParsedFlags, name: string): string[] => {
  const v = f.values.get(name);
  return Array.isArray(v) ? v : [];
};
