// A small command-line parser: `--name value`, `--name=value`, `-x value`, `--no-flag`, repeatable
// list options, and `--` to end options. Unknown options are usage errors (exit 2).

import { displayWidth, padToWidth } from './width';

export type OptionKind = 'boolean' | 'string' | 'list';

export interface OptionSpec {
  name: string;
  alias?: string;
  kind: OptionKind;
  /** Chinese, for --help. */
  help: string;
  /** Shown in --help after the option name. */
  arg?: string;
}

export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | string[] | undefined>;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const options: ParsedArgs['options'] = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byAlias = new Map(specs.filter((s) => s.alias).map((s) => [s.alias!, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      spec = byName.get(name);
      if (!spec && name.startsWith('no-') && byName.get(name.slice(3))?.kind === 'boolean' && inline === undefined) {
        options[name.slice(3)] = false;
        continue;
      }
    } else {
      name = arg.slice(1);
      spec = byAlias.get(name);
    }
    if (!spec) throw new UsageError(`未知的选项 “${arg}”。用 --help 查看可用选项。`);
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`选项 --${spec.name} 不带参数。`);
      options[spec.name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-')) {
      throw new UsageError(`选项 --${spec.name} 需要一个参数${spec.arg ? `（${spec.arg}）` : ''}。`);
    }
    if (spec.kind === 'list') options[spec.name] = [...((options[spec.name] as string[] | undefined) ?? []), value];
    else options[spec.name] = value;
  }
  return { positionals, options };
}

export function optionHelp(specs: readonly OptionSpec[]): string {
  const rows = specs.map((s) => [`${s.alias ? `-${s.alias}, ` : '    '}--${s.name}${s.arg ? ` ${s.arg}` : ''}`, s.help]);
  const width = Math.max(...rows.map(([a]) => displayWidth(a)));
  return rows.map(([a, h]) => `  ${padToWidth(a, width)}  ${h}`).join('\n');
}
