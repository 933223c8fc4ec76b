// "Opinion Lint: Show Folder Report": a webview with the folder report for a workspace folder.
// The server renders the page (opinionLint/folderReport) under a strict Content-Security-Policy
// with a fresh nonce (no remote resources; the webview's own source added). Clicking a draft or a
// finding opens the file at that place. The panel refreshes after Lint Folder runs.

import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { FOLDER_REPORT_REQUEST, LINT_FOLDER_COMMAND, type FolderReportPage, type FolderReportParams, type ReportPageMessage } from '../../server/src/protocol';

export const SHOW_REPORT_COMMAND = 'opinionLint.showReport';
const VIEW_TYPE = 'opinionLint.report';

/** What the command returns (the real-editor tests read it). */
export interface ShowReportResult {
  folder: string;
  /** Rows in the report the server built. */
  drafts: number;
  /** Rows the page reported after its script ran; undefined when it did not report in time. */
  renderedRows?: number;
  error?: string;
}

/** How long to wait for the page to report that it rendered. */
const RENDER_TIMEOUT_MS = 15_000;

export function registerReportPanel(context: vscode.ExtensionContext, client: LanguageClient): void {
  const panels = new ReportPanels(client);
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand(SHOW_REPORT_COMMAND, async (resource?: vscode.Uri): Promise<ShowReportResult | undefined> => {
      const folder = resource instanceof vscode.Uri ? resource : (await pickFolder())?.uri;
      if (!folder) {
        void vscode.window.showWarningMessage('请先打开一个文件夹，再显示文件夹报告。');
        return undefined;
      }
      return panels.show(folder);
    }),
  );
  // Refresh after Lint Folder: chain onto the client's executeCommand middleware (read per call).
  const middleware = client.middleware;
  const previous = middleware.executeCommand;
  middleware.executeCommand = async (command, args, next) => {
    const result = await (previous ? previous(command, args, next) : next(command, args));
    if (command === LINT_FOLDER_COMMAND) panels.refreshAll();
    return result;
  };
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: '选择要生成报告的文件夹' });
}

/** One panel per folder; showing a folder again reveals and refreshes its panel. */
class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();

  constructor(private readonly client: LanguageClient) {}

  async show(folder: vscode.Uri): Promise<ShowReportResult> {
    const key = folder.toString();
    let panel = this.panels.get(key);
    if (panel) {
      panel.reveal();
    } else {
      panel = new ReportPanel(this.client, folder, () => this.panels.delete(key));
      this.panels.set(key, panel);
    }
    return panel.refresh();
  }

  refreshAll(): void {
    for (const panel of this.panels.values()) void panel.refresh();
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
  }
}

class ReportPanel {
  private readonly panel: vscode.WebviewPanel;
  /** The files the current report lists: the page may only ask to open these. */
  private openable = new Set<string>();
  private generation = 0;
  private onRendered?: (rows: number) => void;

  constructor(
    private readonly client: LanguageClient,
    private readonly folder: vscode.Uri,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel(VIEW_TYPE, `评论稿报告：${folder.path.split('/').pop()}`, vscode.ViewColumn.Active, {
      enableScripts: true,
      enableFindWidget: true,
      localResourceRoots: [],
    });
    this.panel.onDidDispose(onDispose);
    this.panel.webview.onDidReceiveMessage((message: ReportPageMessage) => {
      if (message?.type === 'rendered') this.onRendered?.(message.rows);
      else if (message?.type === 'open') void this.open(message);
    });
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }

  async refresh(): Promise<ShowReportResult> {
    const generation = ++this.generation;
    const folder = this.folder.toString();
    if (!this.openable.size) this.panel.webview.html = this.message('正在检查文件夹并生成报告…');
    try {
      if (!this.client.isRunning()) throw new Error('语言服务器尚未启动，请稍候再试，或运行“Opinion Lint: 重启语言服务器”。');
      const params: FolderReportParams = { folder, cspSource: this.panel.webview.cspSource };
      const page = await this.client.sendRequest<FolderReportPage>(FOLDER_REPORT_REQUEST, params);
      if (generation !== this.generation) return { folder, drafts: page.drafts }; // a newer refresh is on its way
      this.openable = new Set(page.uris);
      const rendered = new Promise<number | undefined>((resolve) => {
        const timer = setTimeout(() => resolve(undefined), RENDER_TIMEOUT_MS);
        this.onRendered = (rows) => {
          clearTimeout(timer);
          resolve(rows);
        };
      });
      this.panel.webview.html = page.html;
      return { folder, drafts: page.drafts, renderedRows: await rendered };
    } catch (err) {
      const error = `无法生成报告：${err instanceof Error ? err.message : String(err)}`;
      if (generation === this.generation) this.panel.webview.html = this.message(error);
      return { folder, drafts: 0, error };
    }
  }

  private async open(message: Extract<ReportPageMessage, { type: 'open' }>): Promise<void> {
    if (!message.uri || !this.openable.has(message.uri)) return;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(message.uri));
    const range = message.range;
    const selection = range ? new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character) : undefined;
    await vscode.window.showTextDocument(document, {
      viewColumn: this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One,
      selection,
      preserveFocus: !range,
    });
  }

  /** A status page under the same policy as the report. */
  private message(text: string): string {
    const nonce = randomBytes(16).toString('base64');
    return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'"><style nonce="${nonce}">body{font:14px/1.6 sans-serif;padding:24px;color:var(--vscode-foreground)}</style></head><body><p>${escapeText(text)}</p></body></html>`;
  }
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}
