// `--format json`: exactly [{"file", "diagnostics": [{"rule", "severity", "message", "range", "text"}]}],
// 0-based lines and UTF-16 characters (the LSP convention). Written one file at a time.
// Skipped files are not listed (their reasons go to stderr).

import type { FormatDefinition } from './types';
import { rangeFinder } from './ranges';

export const jsonFormat: FormatDefinition = {
  name: 'json',
  description: 'JSON 数组：每个文件的诊断，行列从 0 起算，列按 UTF-16 计（与 LSP 相同）',
  create(out) {
    let first = true;
    return {
      begin() {
        out.write('[');
      },
      file(result) {
        if (result.skipped !== undefined) return;
        const ranges = rangeFinder(result);
        const diagnostics = result.findings.map((f) => ({
          rule: f.ruleId,
          severity: f.severity,
          message: f.message,
          range: ranges.range(f.start, f.end),
          text: ranges.quote(f.start, f.end),
        }));
        out.write(`${first ? '' : ','}\n${JSON.stringify({ file: result.file, diagnostics })}`);
        first = false;
      },
      end() {
        out.write(first ? ']\n' : '\n]\n');
      },
    };
  },
};
