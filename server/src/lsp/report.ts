// `opinionLint/folderReport`: the folder report for a workspace folder, built from the workspace's
// folder-lint stream (with Lint Folder's cache: a folder just linted is not linted again) and
// rendered as one page for the client's webview. Open documents are reported with their live text.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError, ErrorCodes, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileLintResult } from '../engine/results';
import { RULES } from '../engine/rules';
import { summarizeDraft } from '../engine/summary';
import { FOLDER_REPORT_REQUEST, type FolderReportPage, type FolderReportParams } from '../protocol';
import { renderReportHtml } from '../report/html';
import { ReportBuilder, type FolderReport } from '../report/model';
import { CancelledError } from '../workspace/cancel';
import { lintFiles } from '../workspace/lint-files';
import { LintPool } from '../workspace/lint-pool';
import { DEFAULT_EXTENSIONS, walk } from '../workspace/walk';
import type { DocumentLint } from './documentLinter';
import { uriToPath, type EnvironmentResolver } from './environment';
import { folderSettings, openFolderCache } from './folderLint';
import type { EditorSettings } from './settings';

export interface FolderReportHost {
  documents: TextDocuments<TextDocument>;
  workspaceFolders(): string[];
  environments: EnvironmentResolver;
  settingsFor(uri: string): Promise<EditorSettings>;
  lintCurrent(uri: string): Promise<DocumentLint | undefined>;
  ruleFailure(ruleId: string, error: string): void;
  /** Where folder caches live (shared with Lint Folder); undefined = no cache. */
  cacheDirectory(): string | undefined;
  /** False in Restricted Mode: symlinks out of the folder are never followed. */
  trusted?(): boolean;
}

export function registerFolderReport(connection: Connection, host: FolderReportHost): void {
  connection.onRequest(FOLDER_REPORT_REQUEST, async (params: FolderReportParams | undefined, token: CancellationToken): Promise<FolderReportPage> => {
    const report = await folderReport(params ?? {}, host, token);
    return { title: report.title, drafts: report.rows.length, uris: report.rows.flatMap((r) => (r.uri ? [r.uri] : [])), html: renderReportHtml(report, { cspSource: params?.cspSource }) };
  });
}

/** The report model of a folder (the page renders it). */
export async function folderReport(params: FolderReportParams, host: FolderReportHost, token?: CancellationToken): Promise<FolderReport> {
  const folder = params.folder ? (params.folder.startsWith('file:') ? uriToPath(params.folder) : path.resolve(params.folder)) : host.workspaceFolders()[0];
  if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, '没有打开的工作区文件夹。请先打开一个文件夹，再显示文件夹报告。');
  const settings = await host.settingsFor(pathToFileURL(folder).href);
  const environmentForFile = (filePath: string) => host.environments.environmentForFile(filePath, settings);
  // The profile of a draft placed directly in the folder: the one its `.opinionlintrc.json` names.
  const builder = new ReportBuilder(environmentForFile(path.join(folder, 'draft.txt')).profile, { rules: RULES, title: path.basename(folder) });
  const cacheDirectory = host.cacheDirectory();
  const cache = cacheDirectory ? openFolderCache(cacheDirectory, folder) : undefined;
  const isCancelled = () => !!token?.isCancellationRequested;
  const uris = new Map<string, string>();
  const files = lintFiles(walk([folder], { cwd: folder, extensions: DEFAULT_EXTENSIONS, followSymlinks: settings.followSymlinks && host.trusted?.() !== false, isCancelled }), {
    settingsFor: folderSettings(environmentForFile),
    pool: LintPool.create(0),
    cache,
    exclude: (abs) => !!host.documents.get(pathToFileURL(abs).href),
    isCancelled,
  });
  try {
    for await (const file of files) {
      const uri = pathToFileURL(file.entry.abs).href;
      if (file.kind === 'excluded') {
        uris.set(file.entry.display, uri);
        builder.add(await openResult(uri, file.entry.display, host));
        continue;
      }
      const { result } = file;
      if (file.entry.kind === 'file') uris.set(file.entry.display, uri);
      for (const failure of result.ruleFailures) host.ruleFailure(failure.ruleId, failure.error);
      builder.add(result.skipped !== undefined ? { file: result.file, text: '', findings: [], ruleFailures: [], skipped: result.skipped } : result);
    }
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
  }
  cache?.save();
  const report = builder.finish();
  for (const row of report.rows) row.uri = uris.get(row.file);
  return report;
}

/** An open document: its live text and the lint the editor already shows. */
async function openResult(uri: string, display: string, host: FolderReportHost): Promise<FileLintResult> {
  const lint = await host.lintCurrent(uri);
  if (!lint) return { file: display, text: '', findings: [], ruleFailures: [], skipped: '此文件在编辑器中未启用检查（语言或设置不符）。' };
  const { draft, result, environment } = lint;
  if (result.skippedReason) return { file: display, text: '', findings: [], ruleFailures: [], skipped: result.skippedReason };
  return { file: display, text: draft.text, findings: result.findings, ruleFailures: result.ruleFailures, summary: summarizeDraft(draft, result.findings, environment.profile) };
}
