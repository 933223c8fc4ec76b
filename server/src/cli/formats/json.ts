// `--format json`: exactly [{"file", "diagnostics": [{"rule", "severity", "message", "range", "text"}]}],
// 0-based lines and UTF-16 characters (the LSP convention). Written one file at a time.
// A skipped file is listed as {"file", "diagnostics": [], "skipped": reason} (the reason goes to stderr too).

import type { FormatDefinition, FormatResult } from './types';
import { rangeFinder } from './ranges';

export const jsonFormat: FormatDefinition = {
  name: 'json',
  description: 'JSON 数组：每个文件的诊断，行列从 0 起算，列按 UTF-16 计（与 LSP 相同）',
  create(out) {
    let first = true;
    const fileFromBody = (file: string, body: string | Uint8Array) => {
      out.write(`${first ? '' : ','}\n{"file":${JSON.stringify(file)},`);
      out.write(body);
      out.write('}');
      first = false;
    };
    // Written field by field rather than through an object per diagnostic. The bytes are what
    // JSON.stringify prints for the same object.
    const body = (result: FormatResult) => {
      const ranges = rangeFinder(result);
      let json = '"diagnostics":[';
      result.findings.forEach((f, i) => {
        const { start, end } = ranges.range(f.start, f.end);
        json +=
          `${i ? ',' : ''}{"rule":${JSON.stringify(f.ruleId)},"severity":${JSON.stringify(f.severity)},"message":${JSON.stringify(f.message)},` +
          `"range":{"start":{"line":${start.line},"character":${start.character}},"end":{"line":${end.line},"character":${end.character}}},` +
          `"text":${JSON.stringify(ranges.quote(f.start, f.end))}}`;
      });
      return `${json}]`;
    };
    return {
      begin() {
        out.write('[');
      },
      file(result) {
        if (result.skipped === undefined) fileFromBody(result.file, body(result));
        else fileFromBody(result.file, `"diagnostics":[],"skipped":${JSON.stringify(result.skipped)}`);
      },
      body,
      fileFromBody,
      end() {
        out.write(first ? ']\n' : '\n]\n');
      },
    };
  },
};
