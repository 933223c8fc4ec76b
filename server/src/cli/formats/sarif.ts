// `--format sarif`: SARIF 2.1.0 for code-scanning tools. Rules come from the registry with their
// Chinese descriptions; regions are 1-based with columns in UTF-16 code units (declared by
// `columnKind`). Results are streamed; skipped files become tool execution notifications.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FAMILY_NAMES } from '../../engine/labels';
import type { Severity } from '../../engine/types';
import type { Rule } from '../../engine/rules/rule';
import type { FormatDefinition } from './types';
import { rangeFinder, type RangeFinder } from './ranges';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

export const sarifFormat: FormatDefinition = {
  name: 'sarif',
  description: 'SARIF 2.1.0（代码扫描工具读取的格式）',
  create(out, context) {
    const ruleIndex = new Map(context.rules.map((r, i) => [r.id, i]));
    const notifications: object[] = [];
    let first = true;
    return {
      begin() {
        const run = {
          tool: {
            driver: {
              name: context.toolName,
              version: context.toolVersion,
              semanticVersion: context.toolVersion,
              rules: context.rules.map(describeRule),
            },
          },
          originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(context.cwd + path.sep).href } },
          columnKind: 'utf16CodeUnits',
        };
        const runOpen = JSON.stringify(run).slice(0, -1);
        // Opens the run's results array; end() closes it, the run and the log.
        out.write(`{"version":"2.1.0","$schema":${JSON.stringify(SARIF_SCHEMA)},"runs":[${runOpen},"results":[`);
      },
      file(result) {
        const uri = artifactUri(result.file, context.cwd);
        if (result.skipped !== undefined) {
          notifications.push({
            level: 'note',
            message: { text: `${result.file}：${result.skipped}` },
            locations: [{ physicalLocation: { artifactLocation: uri } }],
          });
          return;
        }
        const ranges = rangeFinder(result);
        for (const f of result.findings) {
          const sarifResult: Record<string, unknown> = {
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: LEVEL[f.severity],
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: uri, region: region(ranges, f.start, f.end) } }],
          };
          if (f.related?.length) {
            sarifResult.relatedLocations = f.related.map((r, i) => ({
              id: i + 1,
              message: { text: r.message },
              physicalLocation: { artifactLocation: uri, region: region(ranges, r.start, r.end) },
            }));
          }
          if (f.fix) {
            sarifResult.fixes = [
              {
                description: { text: f.fix.title },
                artifactChanges: [
                  {
                    artifactLocation: uri,
                    replacements: f.fix.edits.map((e) => ({ deletedRegion: region(ranges, e.start, e.end), insertedContent: { text: e.newText } })),
                  },
                ],
              },
            ];
          }
          if (f.severity === 'hint') sarifResult.properties = { severity: 'hint' };
          out.write(`${first ? '' : ','}\n${JSON.stringify(sarifResult)}`);
          first = false;
        }
      },
      end(totals) {
        const invocation = { executionSuccessful: totals.ruleFailures === 0, toolExecutionNotifications: notifications };
        out.write(`\n],"invocations":[${JSON.stringify(invocation)}]}]}\n`);
      },
    };
  },
};

function describeRule(rule: Rule<any>) {
  const options = Object.entries(rule.docs.options ?? {}).map(([k, v]) => `${k}：${v}`);
  const help = [
    rule.docs.why,
    `示例：${rule.docs.example}`,
    options.length ? `选项：${options.join('；')}` : '',
    `配置：在 .opinionlintrc.json 的 "rules" 中写 "${rule.id}": "off" 或严重级别。`,
  ].filter(Boolean);
  return {
    id: rule.id,
    name: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.docs.why },
    help: { text: help.join('\n') },
    defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
    properties: { tags: [rule.family, FAMILY_NAMES[rule.family]] },
  };
}

/** 1-based region with the flagged text; an insertion point has endColumn = startColumn. */
function region(ranges: RangeFinder, start: number, end: number) {
  const r = ranges.range(start, end);
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
    snippet: { text: ranges.quote(start, end) },
  };
}

/** Relative to %SRCROOT% when the file is under the working directory, else an absolute file URI. */
function artifactUri(file: string, cwd: string) {
  const abs = path.resolve(cwd, file);
  const rel = path.relative(cwd, abs);
  if (!rel.startsWith('..') && !path.isAbsolute(rel)) {
    return { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
  }
  return { uri: pathToFileURL(abs).href };
}
