// The VS Code client: starts the bundled language server over IPC and adds the editor's commands.
// Lint Folder, Learn Profile and Fix All run in the server (the client registers them from the
// server's capabilities); the middleware below only fills in their arguments from the UI.
//
// Workspace trust: in Restricted Mode the server is told so when it starts (built-in profiles only,
// no learning, see package.json `capabilities`), and it restarts when the user grants trust.

import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { FIX_ALL_COMMAND, LEARN_PROFILE_COMMAND, LINT_FOLDER_COMMAND, type FolderLintSummary, type LearnProfileArgs, type LearnProfileResult } from '../../server/src/protocol';
import { registerReportPanel } from './report-panel';

const LANGUAGES = ['plaintext', 'markdown', 'opinion-draft'];
const DIAGNOSTIC_SOURCE = 'opinion-lint';
const RESTRICTED_MODE =
  '受限模式：此工作区未受信任。Opinion Lint 照常检查稿件，但只用内置文风档案：工作区配置（.opinionlintrc.json 或设置）中的档案路径被忽略，“学习文风档案”命令停用，不跟随指向文件夹外的符号链接。信任此工作区后即恢复。';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Opinion Lint', { log: true });
  const serverModule = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    outputChannel: output,
    // Pushed diagnostics reach documents that are open but not visible, and the Lint Folder results.
    // The folder lint caches results per file in the extension's storage, not in the workspace.
    // A function: read again when the client restarts (after the user grants workspace trust).
    initializationOptions: () => ({ diagnosticMode: 'push', cacheDirectory: context.globalStorageUri.fsPath, trusted: vscode.workspace.isTrusted }),
    middleware: {
      executeCommand: async (command, args, next) => {
        if (command === LEARN_PROFILE_COMMAND && !vscode.workspace.isTrusted) {
          void vscode.window.showWarningMessage('受限模式下不能学习文风档案：此工作区未受信任。请先信任此工作区，再运行此命令。');
          return undefined;
        }
        // The explorer's context menu passes the folder it was opened on.
        if (command === LINT_FOLDER_COMMAND && args[0] instanceof vscode.Uri) return lintFolderFromUi(next, args[0]);
        if (args.length) return next(command, args);
        switch (command) {
          case LINT_FOLDER_COMMAND:
            return lintFolderFromUi(next);
          case LEARN_PROFILE_COMMAND:
            return learnProfileFromUi(next);
          case FIX_ALL_COMMAND: {
            const document = vscode.window.activeTextEditor?.document;
            if (!document) {
              void vscode.window.showWarningMessage('请先打开要修复的稿件。');
              return undefined;
            }
            return next(command, [{ uri: document.uri.toString() }]);
          }
          default:
            return next(command, args);
        }
      },
    },
  };
  client = new LanguageClient('opinionLint', 'Opinion Lint', serverOptions, clientOptions);
  registerReportPanel(context, client);

  const status = vscode.window.createStatusBarItem('opinionLint.status', vscode.StatusBarAlignment.Left, 50);
  status.name = 'Opinion Lint';
  status.command = 'workbench.actions.view.problems';
  const updateStatus = () => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !LANGUAGES.includes(document.languageId)) {
      status.hide();
      return;
    }
    const ours = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const errors = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length;
    const warnings = ours.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length;
    const infos = ours.length - errors - warnings;
    status.text = `$(error) ${errors} $(warning) ${warnings} $(info) ${infos}`;
    status.tooltip = `Opinion Lint：本稿 ${errors} 个错误、${warnings} 个警告、${infos} 条信息或提示（点击打开“问题”面板）`;
    status.show();
  };

  context.subscriptions.push(
    output,
    status,
    vscode.languages.onDidChangeDiagnostics(updateStatus),
    vscode.window.onDidChangeActiveTextEditor(updateStatus),
    vscode.commands.registerCommand('opinionLint.showOutput', () => output.show()),
    vscode.commands.registerCommand('opinionLint.restartServer', async () => {
      await client?.restart();
      output.info('语言服务器已重启。');
    }),
    vscode.commands.registerCommand('opinionLint.useDraftLanguage', async () => {
      const document = vscode.window.activeTextEditor?.document;
      if (document) await vscode.languages.setTextDocumentLanguage(document, 'opinion-draft');
    }),
  );
  if (!vscode.workspace.isTrusted) {
    output.info(RESTRICTED_MODE);
    context.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(async () => {
        output.info('已信任此工作区：语言服务器重启，工作区配置中的档案路径和“学习文风档案”命令恢复可用。');
        await client?.restart();
      }),
    );
  }
  updateStatus();
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

type Next = (command: string, args: unknown[]) => vscode.ProviderResult<unknown>;

async function pickWorkspaceFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: '选择要检查的文件夹' });
}

async function lintFolderFromUi(next: Next, chosen?: vscode.Uri): Promise<unknown> {
  const folder = chosen ?? (await pickWorkspaceFolder())?.uri;
  if (!folder) {
    void vscode.window.showWarningMessage('请先打开一个文件夹，再检查文件夹中的稿件。');
    return undefined;
  }
  const summary = (await next(LINT_FOLDER_COMMAND, [{ folder: folder.toString() }])) as FolderLintSummary | undefined;
  if (summary) {
    const { error, warning, information, hint } = summary.bySeverity;
    // The skipped files and their reasons are in the output (the server logs them).
    const showSkipped = '查看跳过的文件';
    void vscode.window
      .showInformationMessage(
        `${summary.cancelled ? '检查已取消' : '检查完成'}：${summary.files} 个稿件（从磁盘检查 ${summary.linted} 个，已在编辑器中打开 ${summary.open} 个，跳过 ${summary.skipped.length} 个），共 ` +
          `${error} 个错误、${warning} 个警告、${information} 条信息、${hint} 条提示。`,
        ...(summary.skipped.length ? [showSkipped] : []),
      )
      .then((choice) => choice === showSkipped && client?.outputChannel.show());
  }
  return summary;
}

async function learnProfileFromUi(next: Next): Promise<unknown> {
  const folders = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: true,
    openLabel: '从这些文件夹学习',
    title: '选择已发表文章所在的文件夹（语料）',
  });
  if (!folders?.length) return undefined;
  const output = await vscode.window.showSaveDialog({
    defaultUri: vscode.Uri.joinPath(folders[0], '..', 'house-profile.json'),
    filters: { 文风档案: ['json'] },
    saveLabel: '保存文风档案',
    title: '保存学到的文风档案',
  });
  if (!output) return undefined;
  const args: LearnProfileArgs = { folders: folders.map((f) => f.toString()), output: output.toString() };
  const result = (await next(LEARN_PROFILE_COMMAND, [args])) as LearnProfileResult | undefined;
  if (result) {
    const use = '在工作区设置中使用';
    const choice = await vscode.window.showInformationMessage(`文风档案已保存到 ${result.output}（${result.articles} 篇文章，${result.bylines} 个署名）。`, use);
    if (choice === use) await vscode.workspace.getConfiguration('opinionLint').update('profile', result.output, vscode.ConfigurationTarget.Workspace);
  }
  return result;
}
