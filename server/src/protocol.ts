// What the VS Code client and the language server say to each other beyond LSP itself: the
// commands' ids, arguments and results, the folder report request, and the messages of the report
// page. Shared by both sides (as vscode-eslint shares its protocol folder): the client imports
// nothing else from the server's sources. Types and constants only.

export const LINT_FOLDER_COMMAND = 'opinionLint.lintFolder';
export const LEARN_PROFILE_COMMAND = 'opinionLint.learnProfile';
export const FIX_ALL_COMMAND = 'opinionLint.fixAll';
/** The commands the server executes (workspace/executeCommand). */
export const SERVER_COMMANDS = [LINT_FOLDER_COMMAND, LEARN_PROFILE_COMMAND, FIX_ALL_COMMAND] as const;

export interface LintFolderArgs {
  /** Folder path or file URI; default: the first workspace folder. */
  folder?: string;
}

export type SeverityCounts = Record<'error' | 'warning' | 'information' | 'hint', number>;

export interface FolderLintSummary {
  folder: string;
  /** Drafts found under the folder. */
  files: number;
  /** Drafts linted from disk (not open in the editor). */
  linted: number;
  /** Of those, drafts whose unchanged text reused the cached result. */
  cached: number;
  /** Drafts open in the editor: their live text is counted and their own diagnostics stand. */
  open: number;
  skipped: { file: string; reason: string }[];
  /** Files with at least one finding (open ones included, as are the counts below). */
  filesWithFindings: number;
  bySeverity: SeverityCounts;
  byRule: Record<string, number>;
  cancelled: boolean;
}

export interface LearnProfileArgs {
  /** Corpus folders (paths or file URIs). */
  folders: string[];
  /** Where to write the profile JSON (path or file URI). */
  output: string;
  /** Profile name stored in the file; default: the first folder's name. */
  name?: string;
}

export interface LearnProfileResult {
  output: string;
  files: number;
  articles: number;
  bylines: number;
  chars: number;
  skipped: { file: string; reason: string }[];
}

export interface FixAllArgs {
  uri: string;
}

/** The folder report, rendered by the server as one page for a webview. */
export const FOLDER_REPORT_REQUEST = 'opinionLint/folderReport';

export interface FolderReportParams {
  /** Folder path or file URI; default: the first workspace folder. */
  folder?: string;
  /** The webview's `cspSource`, added to the page's Content-Security-Policy. */
  cspSource?: string;
}

export interface FolderReportPage {
  /** The folder's name. */
  title: string;
  /** Drafts (rows) in the report. */
  drafts: number;
  /** The file URIs the page lists: the only ones it may ask to open. */
  uris: string[];
  /** The whole page (styles and script inline, under a fresh nonce). */
  html: string;
}

export interface PagePosition {
  line: number;
  character: number;
}

/** What the report page posts to the webview's host: a click on a draft or a finding, or that it rendered. */
export type ReportPageMessage =
  | { type: 'open'; uri?: string; file?: string; range?: { start: PagePosition; end: PagePosition } }
  | { type: 'rendered'; rows: number };
