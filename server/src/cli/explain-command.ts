// `opinion-lint explain <rule>`: what a rule checks, why, an example and how to configure it,
// read from the rule module itself.

import { FAMILY_NAMES } from '../engine/labels';
import { RULES, getRule } from '../engine/rules';
import { UsageError } from './args';
import type { CliIO } from './lint-command';


export function runExplain(args: readonly string[], io: Pick<CliIO, 'stdout'>): number {
  if (args.length === 0) {
    const width = Math.max(...RULES.map((r) => r.id.length));
    const rows = RULES.map((r) => `  ${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(11)}  ${r.description}`);
    io.stdout.write(`可用规则（opinion-lint explain <规则> 查看详情）：\n${rows.join('\n')}\n`);
    return 0;
  }
  for (const id of args) {
    const rule = getRule(id);
    if (!rule) throw new UsageError(`未知的规则 “${id}”。可用规则：${RULES.map((r) => r.id).join('、')}。`);
  }
  io.stdout.write(args.map((id) => explainRule(id)).join('\n\n') + '\n');
  return 0;
}

function explainRule(id: string): string {
  const rule = getRule(id)!;
  const options = Object.entries(rule.docs.options ?? {});
  const defaults = rule.defaultOptions as Record<string, unknown>;
  const lines = [
    `${rule.id}（${FAMILY_NAMES[rule.family]}，默认级别 ${rule.defaultSeverity}）`,
    rule.description,
    '',
    `为什么：${rule.docs.why}`,
    '',
    `示例：${rule.docs.example}`,
  ];
  if (options.length) {
    lines.push('', '选项：');
    for (const [name, help] of options) {
      const value = defaults?.[name];
      const shownDefault = value === undefined || help.includes('默认') ? '' : `（默认 ${JSON.stringify(value)}）`;
      lines.push(`  ${name}：${help}${shownDefault}`);
    }
  }
  const example: Record<string, unknown> = { severity: rule.defaultSeverity };
  if (options.length) example.options = Object.fromEntries(options.map(([name]) => [name, defaults?.[name] ?? null]));
  lines.push(
    '',
    '配置（.opinionlintrc.json）：',
    `  关闭：{ "rules": { "${rule.id}": "off" } }`,
    `  调整：{ "rules": { "${rule.id}": ${JSON.stringify(example)} } }`,
    `  单次：opinion-lint lint 稿件.txt --rule ${rule.id}=off`,
    `  稿件内：<!-- opinion-lint-disable-next-line ${rule.id} -->`,
  );
  return lines.join('\n');
}
