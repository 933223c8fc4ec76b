// Drives the built language server as an editor does: spawns `node server/out/server.js --stdio`
// and speaks JSON-RPC to it with vscode-languageserver-protocol's client side, keeping the open
// documents' text so that edits the server asks for can be applied and sent back as didChange.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';

export const PROJECT_ROOT = path.resolve(__dirname, '../..');
export const SERVER_BUNDLE = path.join(PROJECT_ROOT, 'server/out/server.js');

/** What a full-featured editor advertises (VS Code-like), without pull diagnostics. */
export const EDITOR_CAPABILITIES: ClientCapabilities = {
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    applyEdit: true,
    workspaceFolders: true,
  },
  window: { workDoneProgress: true, showMessage: {} },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } } },
    publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
  },
};

export interface StartOptions {
  capabilities?: ClientCapabilities;
  /** Answered to workspace/configuration, section `opinionLint`. */
  settings?: Record<string, unknown>;
  initializationOptions?: Record<string, unknown>;
  /** The server to spawn; default: the repository's build. */
  serverBundle?: string;
}

export interface ProgressEvent {
  token: string | number;
  value: { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number; cancellable?: boolean };
}

export class LspSession {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly messages: { type: number; message: string }[] = [];
  readonly logs: string[] = [];
  /** The server's stderr, for failure messages. */
  stderr = '';
  readonly progress: ProgressEvent[] = [];
  readonly registrations: { method: string; registerOptions?: unknown }[] = [];
  /** Tokens the server created with window/workDoneProgress/create. */
  readonly createdProgressTokens: (string | number)[] = [];
  readonly documents = new Map<string, TextDocument>();
  /** Settings answered to workspace/configuration, section `opinionLint`. */
  settings: Record<string, unknown> = {};
  exitCode: Promise<number | null>;
  private readonly waiters: (() => void)[] = [];

  private constructor(
    readonly connection: ProtocolConnection,
    readonly process: ChildProcess,
    readonly workspace: string,
  ) {
    this.exitCode = new Promise((resolve) =>
      process.on('exit', (code, signal) => {
        if (signal) this.stderr += `\n[server killed by ${signal}]`;
        resolve(code);
      }),
    );
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => this.record(() => this.published.push(p)));
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => this.record(() => this.messages.push(p)));
    connection.onNotification('window/logMessage', (p: { message: string }) => this.record(() => this.logs.push(p.message)));
    connection.onNotification('$/progress', (p: ProgressEvent) => this.record(() => this.progress.push(p)));
    connection.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map((i) => (i.section === 'opinionLint' ? this.settings : null)));
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.record(() => this.registrations.push(...p.registrations));
      return null;
    });
    connection.onRequest('window/workDoneProgress/create', (p: { token: string | number }) => {
      this.record(() => this.createdProgressTokens.push(p.token));
      return null;
    });
    connection.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
      this.applyWorkspaceEdit(p.edit);
      return { applied: true };
    });
    connection.listen();
  }

  static async start(workspace: string, options: StartOptions = {}): Promise<{ session: LspSession; init: InitializeResult }> {
    const serverBundle = options.serverBundle ?? SERVER_BUNDLE;
    if (!existsSync(serverBundle)) throw new Error(`${serverBundle} is missing: run \`npm run build\` first.`);
    const child = spawn(process.execPath, [serverBundle, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const session = new LspSession(connection, child, workspace);
    child.stderr!.on('data', (chunk: Buffer) => (session.stderr += chunk.toString()));
    session.settings = options.settings ?? {};
    const uri = fileUri(workspace);
    const init = (await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri,
      capabilities: options.capabilities ?? EDITOR_CAPABILITIES,
      initializationOptions: options.initializationOptions,
      workspaceFolders: [{ uri, name: path.basename(workspace) }],
    })) as InitializeResult;
    await connection.sendNotification('initialized', {});
    return { session, init };
  }

  private record(change: () => void): void {
    change();
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Resolves once `check` returns a value (re-checked on every message from the server). */
  async until<T>(what: string, check: () => T | undefined | false, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      const exited = this.process.exitCode !== null || this.process.signalCode !== null;
      if (Date.now() > deadline || exited) {
        throw new Error(`${exited ? `server exited (${this.process.exitCode ?? this.process.signalCode})` : 'timed out'} waiting for ${what}\n${this.stderr}${this.logs.slice(-5).join('\n')}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 200);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** The next diagnostics published for `uri` after `afterIndex` that carry `version` (when given). */
  async diagnosticsFor(uri: string, options: { afterIndex?: number; version?: number } = {}): Promise<Diagnostic[]> {
    const from = options.afterIndex ?? 0;
    const params = await this.until(`diagnostics for ${uri}${options.version !== undefined ? ` v${options.version}` : ''}`, () =>
      this.published.slice(from).find((p) => p.uri === uri && (options.version === undefined || p.version === options.version)),
    );
    return params.diagnostics;
  }

  async open(file: string, text: string, languageId = 'plaintext'): Promise<string> {
    const uri = fileUri(path.join(this.workspace, file));
    this.documents.set(uri, TextDocument.create(uri, languageId, 1, text));
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return uri;
  }

  /** Sends incremental changes (applied in order, each against the text left by the previous). */
  async change(uri: string, edits: TextEdit[]): Promise<number> {
    const doc = this.documents.get(uri)!;
    const version = doc.version + 1;
    TextDocument.update(doc, edits.map((e) => ({ range: e.range, text: e.newText })), version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: edits.map((e) => ({ range: e.range, text: e.newText })),
    });
    return version;
  }

  async close(uri: string): Promise<void> {
    this.documents.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.documents.get(uri)!.getText();
  }

  /** Applies a WorkspaceEdit as an editor would: open documents get a didChange, files are written. */
  applyWorkspaceEdit(edit: WorkspaceEdit): void {
    const byUri = new Map<string, { version?: number | null; edits: TextEdit[] }>();
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, { edits });
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') throw new Error(`unexpected resource operation ${change.kind}`);
        const file = fileURLToPath(change.uri);
        mkdirSync(path.dirname(file), { recursive: true });
        if (!existsSync(file)) writeFileSync(file, '');
        continue;
      }
      byUri.set(change.textDocument.uri, { version: change.textDocument.version, edits: change.edits as TextEdit[] });
    }
    for (const [uri, { version, edits }] of byUri) {
      const doc = this.documents.get(uri);
      if (doc) {
        if (typeof version === 'number' && version !== doc.version) throw new Error(`edit for ${uri} v${version} but the document is at v${doc.version}`);
        // One didChange whose changes run back to front, so each range is still valid when applied.
        const sorted = [...edits].sort((a, b) => doc.offsetAt(b.range.start) - doc.offsetAt(a.range.start));
        void this.change(uri, sorted);
      } else {
        const file = fileURLToPath(uri);
        const current = TextDocument.create(uri, 'json', 0, existsSync(file) ? readFileSync(file, 'utf8') : '');
        writeFileSync(file, TextDocument.applyEdits(current, edits));
      }
    }
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exitCode;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}
