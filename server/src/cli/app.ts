// The `opinion-lint` command line: parses arguments, runs a command, returns the exit code
// (0 clean, 1 problems, 2 usage or configuration errors, 130 interrupted). Messages are Chinese.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { version } from '../../../package.json';
import { optionHelp, parseArgs, UsageError, type OptionSpec } from './args';
import { ConfigFailure, runLint, type CliIO } from './lint-command';
import { runExplain } from './explain-command';
import { runLearn, runMerge } from './learn-command';
import { FORMATS } from './formats';
import { CancelledError } from '../workspace/cancel';

const LINT_OPTIONS: OptionSpec[] = [
  { name: 'profile', kind: 'string', arg: '<名称|文件>', help: '文风档案：内置名称（default、people-daily）或档案 JSON 文件' },
  { name: 'config', alias: 'c', kind: 'string', arg: '<文件>', help: '使用这个配置文件，不再向上查找 .opinionlintrc.json' },
  { name: 'format', alias: 'f', kind: 'string', arg: '<格式>', help: `输出格式：${FORMATS.map((f) => f.name).join('、')}（默认 stylish）` },
  { name: 'output', alias: 'o', kind: 'string', arg: '<文件>', help: '把结果写入文件（完成后一次性替换，中断不留半个文件）' },
  { name: 'max-warnings', kind: 'string', arg: '<数量>', help: '警告超过这个数量时以退出码 1 结束' },
  { name: 'fix', kind: 'boolean', help: '自动应用安全的修复（逐个文件原子写入；没有可修复问题的文件不会被改动）' },
  { name: 'quiet', alias: 'q', kind: 'boolean', help: '只报告错误，不显示警告和提示' },
  { name: 'cache', kind: 'boolean', help: '使用内容哈希缓存，跳过未改动的文件（--no-cache 关闭）' },
  { name: 'cache-location', kind: 'string', arg: '<文件>', help: '缓存文件位置（默认 .opinionlintcache）' },
  { name: 'rule', kind: 'list', arg: '<规则=级别>', help: '临时调整规则，如 --rule slogan-cliche=off（可重复）' },
  { name: 'follow-symlinks', kind: 'boolean', help: '跟随指向所检查文件夹之外的符号链接（默认不跟随，列为跳过）' },
  { name: 'ext', kind: 'string', arg: '<扩展名,…>', help: '检查文件夹时包含的扩展名（默认 .txt,.md,.draft）' },
  { name: 'jobs', alias: 'j', kind: 'string', arg: '<数量>', help: '并行检查的线程数（三核及以上默认为 CPU 核数，否则在主线程中检查；0 表示在主线程中检查）' },
  { name: 'help', alias: 'h', kind: 'boolean', help: '显示帮助' },
];

const LEARN_OPTIONS: OptionSpec[] = [
  { name: 'output', alias: 'o', kind: 'string', arg: '<文件>', help: '档案写到哪里（必填），如 profile.json' },
  { name: 'name', kind: 'string', arg: '<名称>', help: '档案名称（默认取输出文件名）' },
  { name: 'shard', kind: 'boolean', help: '输出可合并的分片（保留完整计数，供 opinion-lint merge 使用）' },
  { name: 'register', kind: 'list', arg: '<语料…>', help: '只用于套话统计的同类语料（文风、署名仍取自主语料；可重复）' },
  { name: 'jobs', alias: 'j', kind: 'string', arg: '<数量>', help: '并行学习的线程数（三核及以上默认为 CPU 核数，语料很小时不另开线程；0 表示在主线程中学习）' },
  { name: 'help', alias: 'h', kind: 'boolean', help: '显示帮助' },
];

const MERGE_OPTIONS: OptionSpec[] = [
  { name: 'output', alias: 'o', kind: 'string', arg: '<文件>', help: '合并结果写到哪里（必填）' },
  { name: 'name', kind: 'string', arg: '<名称>', help: '合并后档案的名称' },
  { name: 'shard', kind: 'boolean', help: '输出仍可再次合并的分片' },
  { name: 'help', alias: 'h', kind: 'boolean', help: '显示帮助' },
];

const USAGE = `opinion-lint ${version} —— 中文评论稿检查

用法：
  opinion-lint lint <文件或文件夹…> [选项]      检查稿件（默认 .txt、.md、.draft）
  opinion-lint learn <语料…> -o profile.json    从已发表文章学习文风档案
  opinion-lint merge <档案…> -o out.json        合并分片档案（等同于在全部语料上学习）
  opinion-lint explain <规则>                   说明一条规则：查什么、为什么、示例、如何配置
  opinion-lint --version                        显示版本

lint 的选项：
${optionHelp(LINT_OPTIONS)}

退出码：0 没有问题；1 有错误或警告超过 --max-warnings；2 用法或配置错误；130 被中断。
用 opinion-lint <命令> --help 查看各命令的选项。`;

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    switch (command) {
      case 'lint': {
        const { positionals, options } = parseArgs(rest, LINT_OPTIONS);
        if (options.help) {
          io.stdout.write(`用法：opinion-lint lint <文件或文件夹…> [选项]\n\n${optionHelp(LINT_OPTIONS)}\n`);
          return 0;
        }
        return await runLint(
          {
            paths: positionals,
            profile: options.profile as string | undefined,
            config: options.config as string | undefined,
            format: (options.format as string | undefined) ?? 'stylish',
            output: options.output as string | undefined,
            maxWarnings: options['max-warnings'] === undefined ? undefined : nonNegativeInt(options['max-warnings'] as string, '--max-warnings'),
            fix: options.fix === true,
            quiet: options.quiet === true,
            cache: options.cache === true,
            cacheLocation: options['cache-location'] as string | undefined,
            rules: (options.rule as string[] | undefined) ?? [],
            extensions: options.ext === undefined ? undefined : parseExtensions(options.ext as string),
            followSymlinks: options['follow-symlinks'] === true,
            jobs: options.jobs === undefined ? undefined : nonNegativeInt(options.jobs as string, '--jobs'),
          },
          io,
        );
      }
      case 'learn': {
        const { positionals, options } = parseArgs(rest, LEARN_OPTIONS);
        if (options.help) {
          io.stdout.write(`用法：opinion-lint learn <语料文件夹或文件…> -o profile.json [选项]\n\n${optionHelp(LEARN_OPTIONS)}\n`);
          return 0;
        }
        return await runLearn(
          { corpus: positionals, output: options.output as string | undefined, name: options.name as string | undefined, shard: options.shard === true, register: (options.register as string[] | undefined) ?? [], jobs: options.jobs === undefined ? undefined : nonNegativeInt(options.jobs as string, '--jobs') },
          io,
        );
      }
      case 'merge': {
        const { positionals, options } = parseArgs(rest, MERGE_OPTIONS);
        if (options.help) {
          io.stdout.write(`用法：opinion-lint merge <档案…> -o out.json [选项]\n\n${optionHelp(MERGE_OPTIONS)}\n`);
          return 0;
        }
        return runMerge({ profiles: positionals, output: options.output as string | undefined, name: options.name as string | undefined, shard: options.shard === true }, io);
      }
      case 'explain': {
        const { positionals } = parseArgs(rest, []);
        return runExplain(positionals, io);
      }
      default:
        throw new UsageError(`未知的命令 “${command}”。可用命令：lint、learn、merge、explain。用 --help 查看用法。`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`opinion-lint：${err.message}\n`);
      return 2;
    }
    if (err instanceof ConfigFailure) {
      for (const e of err.errors) io.stderr.write(`${e.message}\n`);
      io.stderr.write('配置有误，未进行检查。请按上面的提示修改后重试。\n');
      return 2;
    }
    if (err instanceof CancelledError) {
      io.stderr.write('已中断：没有写入任何不完整的文件。\n');
      return 130;
    }
    throw err;
  }
}

function nonNegativeInt(value: string, flag: string): number {
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} 需要一个非负整数，实际是 “${value}”。`);
  return Number(value);
}

function parseExtensions(value: string): string[] {
  const list = value.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean).map((e) => (e.startsWith('.') ? e : `.${e}`));
  if (!list.length) throw new UsageError('--ext 需要至少一个扩展名，如 --ext .txt,.md');
  return list;
}

/** This build of the tool: its version plus a hash of the running bundle (so a rebuild invalidates caches). */
export function buildIdentity(file: string = __filename): string {
  try {
    return `${version}+${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16)}`;
  } catch {
    return version;
  }
}

export const TOOL_VERSION = version;
