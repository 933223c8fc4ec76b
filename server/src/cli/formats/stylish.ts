// `--format stylish` (default): findings grouped by file, `line:col severity message rule`
// (1-based line and column; the column counts UTF-16 code units like the JSON and SARIF output),
// then a summary line.

import { SEVERITY_NAMES } from '../../engine/labels';
import type { Severity } from '../../engine/types';
import type { FormatDefinition, FormatResult, LintTotals } from './types';
import { rangeFinder } from './ranges';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };
const RESET = '\x1b[0m';
const BOLD = '\x1b[1m';
const DIM = '\x1b[2m';
const UNDERLINE = '\x1b[4m';

export const stylishFormat: FormatDefinition = {
  name: 'stylish',
  description: '按文件分组的可读列表（默认）',
  create(out, context) {
    const paint = (code: string, s: string) => (context.color ? `${code}${s}${RESET}` : s);
    const skipped: { file: string; reason: string }[] = [];
    /** A file's rows; fileFromBody puts the header that names the file above them. */
    const body = (result: FormatResult) => {
      if (result.findings.length === 0) return '';
      const ranges = rangeFinder(result);
      const rows = result.findings.map((f) => {
        const { start } = ranges.range(f.start, f.end);
        return { pos: `${start.line + 1}:${start.character + 1}`, severity: f.severity, message: f.message, rule: f.ruleId };
      });
      const posWidth = Math.max(...rows.map((r) => r.pos.length));
      const sevWidth = Math.max(...rows.map((r) => r.severity.length));
      let block = '';
      for (const r of rows) {
        block += `  ${paint(DIM, r.pos.padEnd(posWidth))}  ${paint(COLORS[r.severity], r.severity.padEnd(sevWidth))}  ${r.message}  ${paint(DIM, r.rule)}\n`;
      }
      return block;
    };
    const fileFromBody = (file: string, body: string | Uint8Array) => {
      if (body.length === 0) return;
      out.write(`\n${paint(UNDERLINE, file)}\n`);
      out.write(body);
    };
    return {
      begin() {},
      file(result) {
        if (result.skipped !== undefined) skipped.push({ file: result.file, reason: result.skipped });
        else fileFromBody(result.file, body(result));
      },
      body,
      fileFromBody,
      end(totals) {
        let tail = '';
        // Skipped files are few and their reasons belong with the summary.
        if (skipped.length) {
          tail += `\n${paint(BOLD, '已跳过的文件：')}\n`;
          for (const s of skipped) tail += `  ${s.file}：${s.reason}\n`;
        }
        tail += `\n${summaryLine(totals, paint)}\n`;
        out.write(tail);
      },
    };
  },
};

function summaryLine(t: LintTotals, paint: (code: string, s: string) => string = (_c, s) => s): string {
  const problems = t.errors + t.warnings + t.information + t.hints;
  const scope = `检查了 ${t.linted} 个文件${t.cached ? `（${t.cached} 个结果来自缓存）` : ''}${t.skipped ? `，跳过 ${t.skipped} 个` : ''}`;
  const fixed = t.fixed ? `；已自动修复 ${t.fixed} 处（${t.filesFixed} 个文件）` : '';
  if (problems === 0) return paint('\x1b[32m', `✔ 没有发现问题（${scope}）${fixed}。`);
  const parts = [`${t.errors} 个错误`, `${t.warnings} 个警告`];
  if (t.information) parts.push(`${t.information} 条${SEVERITY_NAMES.information}`);
  if (t.hints) parts.push(`${t.hints} 条${SEVERITY_NAMES.hint}`);
  const fixable = t.fixable ? `；其中 ${t.fixable} 处可用 --fix 自动修复` : '';
  const head = `✖ 共 ${problems} 个问题（${parts.join('，')}），${scope}${fixable}${fixed}。`;
  return paint(t.errors ? COLORS.error + BOLD : COLORS.warning + BOLD, head);
}
