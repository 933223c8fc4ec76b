// `opinionLint/folderReport`: the folder report model for a workspace folder, built from the same
// engine results as the CLI's `--format html`. Open documents are reported with their live text;
// the client renders the model in a webview (report/html.ts) and opens files from it.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ResponseError, ErrorCodes, type CancellationToken, type Connection, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_EXTENSIONS, walk } from '../workspace/walk';
import type { FileLintResult } from '../engine/results';
import { RULES } from '../engine/rules';
import { lintDecodedText } from '../engine/run';
import { summarizeDraft } from '../engine/summary';
import { ReportBuilder, type FolderReport } from '../report/model';
import type { DocumentLint } from './documentLinter';
import { uriToPath, type EnvironmentResolver } from './environment';
import type { EditorSettings } from './settings';
import { readText } from '../workspace/read';

export const FOLDER_REPORT_REQUEST = 'opinionLint/folderReport';

export interface FolderReportParams {
  /** Folder path or file URI; default: the first workspace folder. */
  folder?: string;
}

export interface FolderReportHost {
  documents: TextDocuments<TextDocument>;
  workspaceFolders(): string[];
  environments: EnvironmentResolver;
  settingsFor(uri: string): Promise<EditorSettings>;
  lintCurrent(uri: string): Promise<DocumentLint | undefined>;
  ruleFailure(ruleId: string, error: string): void;
}

export function registerFolderReport(connection: Connection, host: FolderReportHost): void {
  connection.onRequest(FOLDER_REPORT_REQUEST, (params: FolderReportParams | undefined, token: CancellationToken) => folderReport(params ?? {}, host, token));
}

export async function folderReport(params: FolderReportParams, host: FolderReportHost, token?: CancellationToken): Promise<FolderReport> {
  const folder = params.folder ? (params.folder.startsWith('file:') ? uriToPath(params.folder) : path.resolve(params.folder)) : host.workspaceFolders()[0];
  if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, '没有打开的工作区文件夹。请先打开一个文件夹，再显示文件夹报告。');
  const settings = await host.settingsFor(pathToFileURL(folder).href);
  // The profile of a draft placed directly in the folder: the one its `.opinionlintrc.json` names.
  const folderProfile = host.environments.environmentForFile(path.join(folder, 'draft.txt'), settings).profile;
  const builder = new ReportBuilder(folderProfile, { rules: RULES, title: path.basename(folder) });
  const uris = new Map<string, string>();
  for await (const entry of walk([folder], { cwd: folder, extensions: DEFAULT_EXTENSIONS, isCancelled: () => !!token?.isCancellationRequested })) {
    if (token?.isCancellationRequested) break;
    if (entry.kind === 'skip') {
      builder.add({ file: entry.display, text: '', findings: [], ruleFailures: [], skipped: entry.reason });
      continue;
    }
    // Let cancellation and editor requests through between files.
    await new Promise((resolve) => setImmediate(resolve));
    const uri = pathToFileURL(entry.abs).href;
    uris.set(entry.display, uri);
    builder.add(host.documents.get(uri) ? await openResult(uri, entry.display, host) : diskResult(entry.abs, entry.display, settings, host));
  }
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

function diskResult(filePath: string, display: string, settings: EditorSettings, host: FolderReportHost): FileLintResult {
  const environment = host.environments.environmentForFile(filePath, settings);
  const decoded = readText(filePath, environment.config.maxFileSize);
  if (!decoded.ok) return { file: display, text: '', findings: [], ruleFailures: [], skipped: decoded.reason };
  const { result } = lintDecodedText(decoded.text, display, environment.config, environment.profile, { encoding: decoded.encoding });
  for (const failure of result.ruleFailures) host.ruleFailure(failure.ruleId, failure.error);
  if (result.skipped !== undefined) return { file: display, text: '', findings: [], ruleFailures: [], skipped: result.skipped };
  return result;
}
