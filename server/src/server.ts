// The language server: wires LSP to the engine. Runs over IPC (VS Code) or `--stdio` (Neovim,
// Helix…); `createConnection` picks the transport from the command line.

import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Diagnostic,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ensureSegmenterLoaded } from './engine/text/segmenter';
import { codeActions, FIX_ALL_KIND, type EditCapabilities } from './lsp/codeActions';
import { executeCommand } from './lsp/commands';
import { Debouncer } from './lsp/debounce';
import { DocumentLinter, type DocumentLint } from './lsp/documentLinter';
import { EnvironmentResolver, uriToPath } from './lsp/environment';
import { lintSavedFile } from './lsp/folderLint';
import { hoverAt } from './lsp/hover';
import { registerFolderReport } from './lsp/report';
import { defaultSettings, normalizeSettings, type EditorSettings } from './lsp/settings';
import { SERVER_COMMANDS } from './protocol';

const DEBOUNCE_MS = 150;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const debouncer = new Debouncer(DEBOUNCE_MS);

let capabilities: ClientCapabilities = {};
let pullDiagnostics = false;
let workspaceFolders: string[] = [];
/** Where the folder lint keeps its result cache, when the client gives a storage folder. */
let cacheDirectory: string | undefined;
/** False in VS Code's Restricted Mode (an untrusted workspace): built-in profiles only, no learning. */
let trusted = true;
/** Settings from didChangeConfiguration, for clients that do not answer workspace/configuration. */
let pushedSettings = defaultSettings();
const settingsByUri = new Map<string, Promise<EditorSettings>>();
/** Documents that got diagnostics at least once: the first lint of a document is not debounced. */
const lintedOnce = new Set<string>();
/** Files the folder lint published diagnostics for; in pull mode an open document takes them over. */
const folderPublished = new Set<string>();
/** Files a folder lint covered: closing one shows its saved text's diagnostics again. */
const folderCovered = new Set<string>();
const reportedOnce = new Set<string>();

function settingsFor(uri: string): Promise<EditorSettings> {
  if (!capabilities.workspace?.configuration) return Promise.resolve(pushedSettings);
  let hit = settingsByUri.get(uri);
  if (!hit) {
    hit = connection.workspace.getConfiguration({ scopeUri: uri, section: 'opinionLint' }).then(normalizeSettings, () => defaultSettings());
    settingsByUri.set(uri, hit);
  }
  return hit;
}

/** window/showMessage (a notification: the request form needs client support and an answer). */
function showWarning(message: string, type: MessageType = MessageType.Warning): void {
  void connection.sendNotification(ShowMessageNotification.type, { type, message });
}

function logOnce(key: string, message: string, show = false): void {
  if (reportedOnce.has(key)) return;
  reportedOnce.add(key);
  connection.console.warn(message);
  if (show) showWarning(message);
}

const environments = new EnvironmentResolver(
  settingsFor,
  () => workspaceFolders,
  {
    problem: showWarning,
    notice: (message) => showWarning(message, MessageType.Info),
    log: (message) => connection.console.warn(message),
  },
  () => trusted,
);

function ruleFailure(ruleId: string, error: string): void {
  logOnce(`rule:${ruleId}:${error}`, `规则 ${ruleId} 运行出错，已跳过该规则（其他规则照常检查）：${error}`);
}

const linter = new DocumentLinter(ruleFailure);

/** Lints the document's current version, or returns undefined when it is not to be linted. */
async function lintCurrent(uri: string): Promise<DocumentLint | undefined> {
  for (;;) {
    const document = documents.get(uri);
    if (!document) return undefined;
    const version = document.version;
    const environment = await environments.environmentFor(uri);
    const now = documents.get(uri);
    if (!now) return undefined;
    if (now.version !== version) continue;
    const { settings, config } = environment;
    if (!settings.enable || !settings.languages.includes(now.languageId)) return undefined;
    const text = now.getText();
    if (text.length > config.maxFileSize / 4 && Buffer.byteLength(text, 'utf8') > config.maxFileSize) {
      logOnce(`size:${uri}:${config.maxFileSize}`, `${uriToPath(uri) ?? uri} 超过 ${config.maxFileSize} 字节的上限，未检查。可在设置 opinionLint.maxFileSize 或 .opinionlintrc.json 的 maxFileSize 中调高上限。`, true);
      return undefined;
    }
    return linter.lint(now, environment);
  }
}

/** Push mode: lints and publishes, but only if the version it linted is still the latest. */
async function publish(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  const lint = await lintCurrent(uri);
  const now = documents.get(uri);
  if (!now || now.version !== version) return;
  lintedOnce.add(uri);
  await connection.sendDiagnostics({ uri, version, diagnostics: lint?.diagnostics ?? [] });
}

function schedule(uri: string): void {
  if (pullDiagnostics) return;
  debouncer.schedule(uri, () => void publish(uri).catch(logError), lintedOnce.has(uri) ? DEBOUNCE_MS : 0);
}

function relintOpenDocuments(): void {
  if (pullDiagnostics) {
    if (capabilities.workspace?.diagnostics?.refreshSupport) void connection.languages.diagnostics.refresh();
    return;
  }
  for (const document of documents.all()) schedule(document.uri);
}

function logError(err: unknown): void {
  connection.console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
}

connection.onInitialize((params): InitializeResult => {
  capabilities = params.capabilities;
  const options = (params.initializationOptions ?? {}) as { diagnosticMode?: 'push' | 'pull'; cacheDirectory?: string; trusted?: boolean };
  trusted = options.trusted !== false;
  pullDiagnostics = !!capabilities.textDocument?.diagnostic && options.diagnosticMode !== 'push';
  if (typeof options.cacheDirectory === 'string' && options.cacheDirectory) cacheDirectory = options.cacheDirectory;
  workspaceFolders = (params.workspaceFolders ?? []).map((f) => uriToPath(f.uri)).filter((p): p is string => !!p);
  if (!workspaceFolders.length && params.rootUri) {
    const root = uriToPath(params.rootUri);
    if (root) workspaceFolders = [root];
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll, FIX_ALL_KIND] },
      executeCommandProvider: { commands: [...SERVER_COMMANDS] },
      diagnosticProvider: pullDiagnostics ? { identifier: 'opinion-lint', interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'opinion-lint' },
  };
});

connection.onInitialized(() => {
  if (capabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'opinionLint' });
  }
  if (capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.opinionlintrc.json' }] });
  }
  if (capabilities.workspace?.workspaceFolders) {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
      workspaceFolders = [...workspaceFolders.filter((f) => !removed.has(f)), ...event.added.map((f) => uriToPath(f.uri)).filter((p): p is string => !!p)];
      environments.settingsChanged();
      relintOpenDocuments();
    });
  }
  // The dictionary takes about a second to load: start now so the first diagnostics come fast.
  setImmediate(() => {
    try {
      ensureSegmenterLoaded();
      environments.warmUp();
    } catch (err) {
      logError(err);
    }
  });
});

connection.onDidChangeConfiguration((change) => {
  if (!capabilities.workspace?.configuration) pushedSettings = normalizeSettings((change.settings as { opinionLint?: unknown } | undefined)?.opinionLint);
  settingsByUri.clear();
  environments.settingsChanged();
  relintOpenDocuments();
});

connection.onDidChangeWatchedFiles((params) => {
  for (const change of params.changes) {
    const filePath = uriToPath(change.uri);
    if (filePath) environments.fileChanged(filePath);
  }
  relintOpenDocuments();
});

environments.onProfileFileChanged(() => relintOpenDocuments());

documents.onDidOpen((event) => {
  if (pullDiagnostics && folderPublished.delete(event.document.uri)) void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});
documents.onDidChangeContent((event) => schedule(event.document.uri));
documents.onDidClose((event) => {
  const { uri } = event.document;
  debouncer.cancel(uri);
  linter.forget(uri);
  lintedOnce.delete(uri);
  settingsByUri.delete(uri);
  void republishOnClose(uri);
});

async function republishOnClose(uri: string): Promise<void> {
  const filePath = folderCovered.has(uri) ? uriToPath(uri) : undefined;
  let diagnostics: Diagnostic[] = [];
  if (filePath) {
    diagnostics = await lintSavedFile(filePath, await environments.environmentFor(uri), ruleFailure);
    folderPublished.add(uri);
  }
  // Opened again meanwhile: the live text's diagnostics stand.
  if (!documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics });
}

connection.languages.diagnostics.on(async (params) => {
  const lint = await lintCurrent(params.textDocument.uri);
  return { kind: DocumentDiagnosticReportKind.Full, items: lint?.diagnostics ?? [] };
});

connection.onHover(async (params) => {
  const lint = await lintCurrent(params.textDocument.uri);
  const document = documents.get(params.textDocument.uri);
  if (!lint || !document || lint.result.skippedReason || document.version !== lint.version) return null;
  return hoverAt(lint.draft, lint.result.findings, lint.environment.profile, document.offsetAt(params.position)) ?? null;
});

function editCapabilities(): EditCapabilities {
  const edit = capabilities.workspace?.workspaceEdit;
  return { documentChanges: !!edit?.documentChanges, createFiles: !!edit?.documentChanges && !!edit.resourceOperations?.includes('create') };
}

connection.onCodeAction(async (params) => {
  const lint = await lintCurrent(params.textDocument.uri);
  const document = documents.get(params.textDocument.uri);
  if (!lint || !document || document.version !== lint.version) return [];
  return codeActions({ document, lint, params, capabilities: editCapabilities(), configFile: environments.configFileFor(document.uri) });
});

const commandHost = {
  connection,
  documents,
  get capabilities() {
    return capabilities;
  },
  workspaceFolders: () => workspaceFolders,
  environments,
  settingsFor,
  lintCurrent,
  ruleFailure,
  cacheDirectory: () => cacheDirectory,
  trusted: () => trusted,
  editCapabilities,
  isOpen: (uri: string) => !!documents.get(uri),
  published: (uri: string) => {
    folderPublished.add(uri);
    folderCovered.add(uri);
  },
};
connection.onExecuteCommand((params, token, workDone) => executeCommand(params, token, workDone, commandHost));
registerFolderReport(connection, commandHost);

connection.onShutdown(() => {
  debouncer.dispose();
  environments.dispose();
});

// A failure in one handler must not take the server down with every open document.
process.on('unhandledRejection', logError);
process.on('uncaughtException', logError);

documents.listen(connection);
connection.listen();
