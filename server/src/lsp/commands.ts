// workspace/executeCommand: folder lint, learning a profile, fixing a whole document. Arguments are
// one object (see each handler); VS Code's client fills them in from pickers and the active editor.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ResponseError,
  ErrorCodes,
  LSPErrorCodes,
  WorkDoneProgressReporter,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type ExecuteCommandParams,
  type TextDocuments,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { serializeProfile } from '../engine/profile/serialize';
import { CancelledError } from '../workspace/cancel';
import { learnCorpus, type LearnProgress } from '../workspace/learn';
import { writeFileAtomic } from '../workspace/write';
import { fixAllEdit, type EditCapabilities } from './codeActions';
import type { DocumentLint } from './documentLinter';
import { uriToPath, type EnvironmentResolver } from './environment';
import { lintFolder } from './folderLint';
import type { EditorSettings } from './settings';
import {
  FIX_ALL_COMMAND,
  LEARN_PROFILE_COMMAND,
  LINT_FOLDER_COMMAND,
  type FixAllArgs,
  type FolderLintSummary,
  type LearnProfileArgs,
  type LearnProfileResult,
  type LintFolderArgs,
} from '../protocol';

export interface CommandHost {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  capabilities: ClientCapabilities;
  workspaceFolders(): string[];
  environments: EnvironmentResolver;
  settingsFor(uri: string): Promise<EditorSettings>;
  lintCurrent(uri: string): Promise<DocumentLint | undefined>;
  editCapabilities(): EditCapabilities;
  isOpen(uri: string): boolean;
  /** Remembers that the folder lint published diagnostics for a file. */
  published(uri: string): void;
  ruleFailure(ruleId: string, error: string): void;
  /** Where folder-lint caches live (the editor's storage for this extension); undefined = no cache. */
  cacheDirectory(): string | undefined;
  /** False in Restricted Mode: no learning, no following symlinks out of a folder. */
  trusted(): boolean;
}

export async function executeCommand(params: ExecuteCommandParams, token: CancellationToken, workDone: WorkDoneProgressReporter, host: CommandHost): Promise<unknown> {
  const arg = (params.arguments ?? [])[0];
  switch (params.command) {
    case LINT_FOLDER_COMMAND:
      return runLintFolder(typeof arg === 'string' ? { folder: arg } : ((arg ?? {}) as LintFolderArgs), token, workDone, host);
    case LEARN_PROFILE_COMMAND:
      return runLearnProfile(arg as LearnProfileArgs, token, workDone, host);
    case FIX_ALL_COMMAND:
      return runFixAll(typeof arg === 'string' ? { uri: arg } : (arg as FixAllArgs), host);
    default:
      throw new ResponseError(ErrorCodes.InvalidParams, `未知的命令：${params.command}`);
  }
}

/** The client's own progress token if it sent one, else a server-initiated progress (cancellable in the UI). */
async function progressFor(
  host: CommandHost,
  workDone: WorkDoneProgressReporter,
  token: CancellationToken,
): Promise<{ reporter: WorkDoneProgressReporter; isCancelled: () => boolean }> {
  if (WorkDoneProgressReporter.isNullInstance(workDone) && host.capabilities.window?.workDoneProgress) {
    const reporter = await host.connection.window.createWorkDoneProgress();
    return { reporter, isCancelled: () => token.isCancellationRequested || reporter.token.isCancellationRequested };
  }
  return { reporter: workDone, isCancelled: () => token.isCancellationRequested };
}

function toPath(pathOrUri: string): string {
  return pathOrUri.startsWith('file:') ? (uriToPath(pathOrUri) ?? pathOrUri) : path.resolve(pathOrUri);
}

async function runLintFolder(args: LintFolderArgs, token: CancellationToken, workDone: WorkDoneProgressReporter, host: CommandHost): Promise<FolderLintSummary> {
  const folder = args.folder ? toPath(args.folder) : host.workspaceFolders()[0];
  if (!folder) throw new ResponseError(ErrorCodes.InvalidParams, '没有打开的工作区文件夹。请先打开一个文件夹，或在参数中给出要检查的文件夹。');
  const { reporter, isCancelled } = await progressFor(host, workDone, token);
  reporter.begin('Opinion Lint：检查文件夹', 0, '正在列出文件…', true);
  const settings = await host.settingsFor(pathToFileURL(folder).href);
  try {
    const summary = await lintFolder(folder, {
      cacheDirectory: host.cacheDirectory(),
      followSymlinks: settings.followSymlinks && host.trusted(),
      environmentForFile: (filePath) => host.environments.environmentForFile(filePath, settings),
      isOpen: host.isOpen,
      openFindings: async (uri) => (await host.lintCurrent(uri))?.result.findings,
      publish: (uri, diagnostics) => {
        host.published(uri);
        void host.connection.sendDiagnostics({ uri, diagnostics });
      },
      progress: (done, total) => reporter.report(total ? Math.round((done / total) * 100) : 100, `${done} / ${total}`),
      isCancelled,
      log: (message) => host.connection.console.info(message),
      ruleFailure: host.ruleFailure,
    });
    host.connection.console.info(
      `检查文件夹 ${folder}：${summary.files} 个稿件，检查 ${summary.linted} 个（${summary.cached} 个未改动、沿用缓存结果），${summary.open} 个已在编辑器中打开，跳过 ${summary.skipped.length} 个；` +
        `错误 ${summary.bySeverity.error}，警告 ${summary.bySeverity.warning}，信息 ${summary.bySeverity.information}，提示 ${summary.bySeverity.hint}${summary.cancelled ? '（已取消）' : ''}。` +
        summary.skipped.map((s) => `\n  跳过 ${s.file}：${s.reason}`).join(''),
    );
    return summary;
  } finally {
    reporter.done();
  }
}

const LEARN_RESTRICTED = '受限模式下不能学习文风档案：此工作区未受信任。请先信任此工作区（“管理工作区信任”），再运行此命令。';

async function runLearnProfile(args: LearnProfileArgs, token: CancellationToken, workDone: WorkDoneProgressReporter, host: CommandHost): Promise<LearnProfileResult> {
  if (!args || !Array.isArray(args.folders) || !args.folders.length || typeof args.output !== 'string') {
    throw new ResponseError(ErrorCodes.InvalidParams, '学习文风档案需要参数 { folders: [语料文件夹…], output: 档案保存路径 }。');
  }
  if (!host.trusted()) throw new ResponseError(ErrorCodes.InvalidRequest, LEARN_RESTRICTED);
  const folders = args.folders.map(toPath);
  const output = toPath(args.output);
  const { reporter, isCancelled } = await progressFor(host, workDone, token);
  reporter.begin('Opinion Lint：学习文风档案', 0, '正在读取语料…', true);
  try {
    const { profile, stats } = await learnInWorker(folders, args.name ?? path.basename(folders[0]), isCancelled, (p) =>
      reporter.report(p.bytesTotal ? Math.round((p.bytesDone / p.bytesTotal) * 100) : 100, `${p.filesDone} / ${p.filesTotal} 个文件，${p.articles} 篇文章`),
    );
    if (stats.articles === 0) throw new ResponseError(ErrorCodes.InvalidParams, `在 ${folders.join('、')} 中没有找到可学习的文章（.txt/.md），未写入档案。`);
    mkdirSync(path.dirname(output), { recursive: true });
    writeFileAtomic(output, serializeProfile(profile));
    host.connection.console.info(`文风档案已写入 ${output}：${stats.files} 个文件，${stats.articles} 篇文章，${stats.bylines} 个署名。`);
    return { output, files: stats.files, articles: stats.articles, bylines: stats.bylines, chars: stats.chars, skipped: stats.skipped };
  } finally {
    reporter.done();
  }
}

/** Learns on worker threads (the server keeps answering); a cancellation stops them and nothing is written. */
async function learnInWorker(folders: string[], name: string, isCancelled: () => boolean, onProgress: (p: LearnProgress) => void) {
  const abort = new AbortController();
  // Cancellation can arrive between progress messages (a large file takes a while).
  const poll = setInterval(() => isCancelled() && abort.abort(), 200);
  try {
    return await learnCorpus(folders, { name, offThread: true, signal: abort.signal, onProgress });
  } catch (err) {
    if (err instanceof CancelledError) throw new ResponseError(LSPErrorCodes.RequestCancelled, '已取消学习文风档案，未写入文件。');
    throw new ResponseError(ErrorCodes.InternalError, `学习文风档案失败：${err instanceof Error ? err.message : String(err)}`);
  } finally {
    clearInterval(poll);
  }
}

async function runFixAll(args: FixAllArgs, host: CommandHost): Promise<{ applied: boolean }> {
  const uri = args?.uri;
  const document = uri ? host.documents.get(uri) : undefined;
  if (!uri || !document) throw new ResponseError(ErrorCodes.InvalidParams, '修复全部问题需要一个已打开的文档（参数 { uri }）。');
  const lint = await host.lintCurrent(uri);
  const current = host.documents.get(uri);
  if (!lint || !current || current.version !== lint.version) return { applied: false };
  const edit = fixAllEdit(current, lint, host.editCapabilities());
  if (!edit) return { applied: false };
  const result = await host.connection.workspace.applyEdit({ label: 'Opinion Lint：修复全部可自动修复的问题', edit });
  return { applied: result.applied };
}
