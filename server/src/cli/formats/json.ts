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
        // Written field by field rather than through an object per diagnostic (output is a quarter of
        // a cached re-run's time). The bytes are what JSON.stringify prints for the same object.
        let json = `${first ? '' : ','}\n{"file":${JSON.stringify(result.file)},"diagnostics":[`;
        result.findings.forEach((f, i) => {
          const { start, end } = ranges.range(f.start, f.end);
          json +=
            `${i ? ',' : ''}{"rule":${JSON.stringify(f.ruleId)},"severity":${JSON.stringify(f.severity)},"message":${JSON.stringify(f.message)},` +
            `"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}},` +
            `"text":${JSON.stringify(ranges.quote(f.start, f.end))}}`;
        });
        out.write(`${json}]}`);
        first = false;
      },
      end() {
        out.write(first ? ']\n' : '\n]\n');
      },
    };
  },
};
