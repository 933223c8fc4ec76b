// The language server's opinionLint/folderReport: the report model for a folder, with file URIs the
// webview can open, and open documents reported with their live (unsaved) text.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { afterAll, describe, expect, it } from 'vitest';
import { DocumentLinter } from '../../server/src/lsp/documentLinter';
import { EnvironmentResolver } from '../../server/src/lsp/environment';
import { folderReport, type FolderReportHost } from '../../server/src/lsp/report';
import { defaultSettings } from '../../server/src/lsp/settings';

const ON_DISK = `让地铁站的电梯先转起来
●林晓
去年新增电梯120部,覆盖率达到85%。市民出行更方便了。
`;
const SAVED = `口袋公园不只是“盆景”
●周一鸣
口袋公园建到了家门口，居民步行十分钟就能走到。
`;
// The open editor holds an unsaved version with a half-width comma and no byline.
const LIVE = `口袋公园不只是“盆景”
口袋公园建到了家门口,居民步行十分钟就能走到。
`;

const folder = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-report-'));
writeFileSync(path.join(folder, 'metro.txt'), ON_DISK);
writeFileSync(path.join(folder, 'parks.txt'), SAVED);
writeFileSync(path.join(folder, 'scan.txt'), Buffer.from([0, 1, 2, 3, 0, 0, 255, 254, 0]));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function host(open: TextDocument[] = []): FolderReportHost {
  const settingsFor = async () => defaultSettings();
  const environments = new EnvironmentResolver(settingsFor, () => [folder], { problem: () => {}, log: () => {} });
  const linter = new DocumentLinter(() => {});
  const byUri = new Map(open.map((d) => [d.uri, d]));
  return {
    documents: { get: (uri: string) => byUri.get(uri) } as unknown as TextDocuments<TextDocument>,
    workspaceFolders: () => [folder],
    environments,
    settingsFor,
    lintCurrent: async (uri) => {
      const document = byUri.get(uri);
      return document ? linter.lint(document, await environments.environmentFor(uri)) : undefined;
    },
    ruleFailure: () => {},
    cacheDirectory: () => undefined,
  };
}

describe('opinionLint/folderReport', () => {
  it('reports every draft of the folder with a file URI the panel can open, and lists unreadable files apart', async () => {
    const report = await folderReport({ folder: pathToFileURL(folder).href }, host());
    expect(report.title).toBe(path.basename(folder));
    expect(report.rows.map((r) => r.file).sort()).toEqual(['metro.txt', 'parks.txt']);
    const metro = report.rows.find((r) => r.file === 'metro.txt')!;
    expect(metro.uri).toBe(pathToFileURL(path.join(folder, 'metro.txt')).href);
    expect(metro.headline).toBe('让地铁站的电梯先转起来');
    expect(metro.author).toBe('林晓');
    expect(metro.findings.some((f) => f.ruleId === 'punctuation-width' && f.range.start.line === 2)).toBe(true);
    expect(report.skipped.map((s) => s.file)).toEqual(['scan.txt']);
    expect(report.rows[0].score).toBeGreaterThanOrEqual(report.rows[1].score);
  });

  it('uses the live text of a document open in the editor, not the saved file', async () => {
    const uri = pathToFileURL(path.join(folder, 'parks.txt')).href;
    const saved = (await folderReport({ folder }, host())).rows.find((r) => r.file === 'parks.txt')!;
    const live = (await folderReport({ folder }, host([TextDocument.create(uri, 'plaintext', 3, LIVE)]))).rows.find((r) => r.file === 'parks.txt')!;
    expect(saved.text).toBe(SAVED);
    expect(live.text).toBe(LIVE);
    expect(saved.findings.some((f) => f.ruleId === 'punctuation-width')).toBe(false);
    expect(live.findings.some((f) => f.ruleId === 'punctuation-width')).toBe(true);
    expect(live.author).toBe('无署名');
  });

  it('defaults to the first workspace folder', async () => {
    const report = await folderReport({}, host());
    expect(report.rows).toHaveLength(2);
  });
});
