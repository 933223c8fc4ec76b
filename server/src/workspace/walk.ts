// Finds the files to lint: named files as given, folders recursively (sorted, so output order is
// stable), honouring `.opinionlintignore`, skipping node_modules and VCS folders, following
// symlinks once (a loop is visited once) and yielding each real file once. Streams: the folder
// is never listed whole.
//
// A folder being linted is untrusted input (submissions, unpacked archives): a symlink inside it
// whose target lies outside every folder being linted is not followed, unless `followSymlinks`
// says so, and is listed as skipped. Its target is judged first by the link's own text, so a link
// that points out is never even stat'ed; a link that points in through another link is judged by
// its real path. The paths named on the command line are the user's and are followed, as `find -H` does.

import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IgnoreRules } from './ignore';

export const DEFAULT_EXTENSIONS: readonly string[] = ['.txt', '.md', '.draft'];
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

export type WalkEntry = { kind: 'file'; abs: string; display: string } | { kind: 'skip'; abs: string; display: string; reason: string };

export interface WalkOptions {
  cwd: string;
  extensions: readonly string[];
  /** Follow symlinks whose target lies outside the folders being walked (off: listed as skipped). */
  followSymlinks?: boolean;
  isCancelled?: () => boolean;
}

export const OUTSIDE_LINK_REASON = '是指向所检查文件夹之外的符号链接，未跟随，已跳过（确需检查可用 --follow-symlinks 或设置 opinionLint.followSymlinks）。';

/** Whether `p` is `dir` or lies below it (both absolute and normalized). */
export function isWithin(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export function displayPath(abs: string, cwd: string): string {
  // The common case, a file under the working directory, without path.relative's normalizing
  // (anything with a "." or ".." segment, or a dotfile, takes the general way).
  if (abs.length > cwd.length + 1 && abs.startsWith(cwd) && abs[cwd.length] === path.sep && !abs.includes(`${path.sep}.`, cwd.length)) {
    return abs.slice(cwd.length + 1);
  }
  const rel = path.relative(cwd, abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}

export async function* walk(roots: readonly string[], options: WalkOptions): AsyncGenerator<WalkEntry> {
  const seenFiles = new Set<string>();
  const seenDirs = new Set<string>();
  const show = (abs: string) => displayPath(abs, options.cwd);
  /** The folders named as roots (as named, and their real paths): where symlinks may lead. */
  const inside = options.followSymlinks ? { named: [], real: [] } : await rootFolders(roots.map((root) => path.resolve(options.cwd, root)));
  const outOf = (dirs: string[], p: string) => !dirs.some((dir) => isWithin(p, dir));

  /**
   * Whether the symlink `abs` (in the folder whose real path is `realDir`) leads out of the walked
   * folders. Its text is judged before anything is resolved: a link that names a place outside is
   * never stat'ed. Errors (a dangling link, a loop) are left to the stat that follows.
   */
  async function linkLeadsOut(abs: string, realDir: string): Promise<boolean> {
    if (options.followSymlinks) return false;
    try {
      // An absolute link may name the folder as the user did (through a link such as macOS's /tmp).
      const named = path.resolve(realDir, await fs.readlink(abs));
      if (outOf(inside.real, named) && outOf(inside.named, named)) return true;
      return outOf(inside.real, await fs.realpath(abs));
    } catch {
      return false;
    }
  }

  async function* visitDir(dir: string, ignore: IgnoreRules): AsyncGenerator<WalkEntry> {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (err) {
      yield { kind: 'skip', abs: dir, display: show(dir), reason: `无法读取文件夹（${errorCode(err)}），已跳过。` };
      return;
    }
    if (seenDirs.has(real)) return; // a symlink back into a folder already walked
    seenDirs.add(real);
    const rules = ignore.withFolder(dir);
    let entries: import('node:fs').Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      yield { kind: 'skip', abs: dir, display: show(dir), reason: `无法读取文件夹（${errorCode(err)}），已跳过。` };
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (options.isCancelled?.()) return;
      const abs = childPath(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      // Named like a draft: what cannot be read is reported with the reason, not passed over silently.
      const draftLike = () => options.extensions.includes(path.extname(entry.name).toLowerCase()) && !rules.ignores(abs, false);
      if (entry.isSymbolicLink()) {
        if (await linkLeadsOut(abs, real)) {
          // Listed whatever it points at (a draft or a folder): only its name is known.
          if (!SKIPPED_FOLDERS.has(entry.name) && !rules.ignores(abs, false) && !rules.ignores(abs, true)) {
            yield { kind: 'skip', abs, display: show(abs), reason: OUTSIDE_LINK_REASON };
          }
          continue;
        }
        try {
          const st = await fs.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (err) {
          // A dangling link is not a draft; a link loop named like one is reported.
          if ((err as NodeJS.ErrnoException).code === 'ELOOP' && draftLike()) yield { kind: 'skip', abs, display: show(abs), reason: `${errorCode(err)}，无法打开，已跳过。` };
          continue;
        }
      }
      if (isDir) {
        if (SKIPPED_FOLDERS.has(entry.name) || rules.ignores(abs, true)) continue;
        yield* visitDir(abs, rules);
      } else if (isFile) {
        if (!draftLike()) continue;
        // A plain file's real path is its real folder's plus its name: resolve links only.
        const entryOut = entry.isSymbolicLink() ? await fileEntry(abs) : fileEntryAt(abs, childPath(real, entry.name));
        if (entryOut) yield entryOut;
      } else if (draftLike()) {
        yield { kind: 'skip', abs, display: show(abs), reason: '不是普通文件（命名管道、设备或套接字），已跳过。' };
      }
    }
  }

  async function fileEntry(abs: string): Promise<WalkEntry | undefined> {
    let real = abs;
    try {
      real = await fs.realpath(abs);
    } catch {
      // Deleted since listed: reading it reports the reason.
    }
    return fileEntryAt(abs, real);
  }

  function fileEntryAt(abs: string, real: string): WalkEntry | undefined {
    if (seenFiles.has(real)) return undefined;
    seenFiles.add(real);
    return { kind: 'file', abs, display: show(abs) };
  }

  for (const root of roots) {
    if (options.isCancelled?.()) return;
    const abs = path.resolve(options.cwd, root);
    let st: import('node:fs').Stats;
    try {
      st = await fs.stat(abs);
    } catch (err) {
      yield { kind: 'skip', abs, display: show(abs), reason: `无法访问（${errorCode(err)}），已跳过。` };
      continue;
    }
    const inherited = ancestorIgnoreRules(st.isDirectory() ? abs : path.dirname(abs), options.cwd);
    if (st.isDirectory()) {
      if (inherited.ignoresPath(abs, true)) continue;
      // The root's own ignore file is read by visitDir.
      yield* visitDir(abs, inherited);
    } else {
      const rules = inherited.withFolder(path.dirname(abs));
      if (rules.ignoresPath(abs, false)) {
        yield { kind: 'skip', abs, display: show(abs), reason: '已被 .opinionlintignore 忽略。' };
        continue;
      }
      const entry = await fileEntry(abs);
      if (entry) yield entry;
    }
  }
}

/**
 * path.join(dir, name) for a normalized absolute folder and a name read from it (never empty, never
 * "." or "..", without separators): no normalizing pass, which was most of a walk's time.
 */
function childPath(dir: string, name: string): string {
  return dir.endsWith(path.sep) ? dir + name : dir + path.sep + name;
}

/** Ignore files of the folders from the working directory down to (not including) `dir`. */
function ancestorIgnoreRules(dir: string, cwd: string): IgnoreRules {
  const rel = path.relative(cwd, dir);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return IgnoreRules.empty();
  let rules = IgnoreRules.empty();
  let current = cwd;
  for (const part of rel.split(path.sep)) {
    rules = rules.withFolder(current);
    current = path.join(current, part);
  }
  return rules;
}

/** Those of `paths` that are folders, as named and as real paths. */
async function rootFolders(paths: readonly string[]): Promise<{ named: string[]; real: string[] }> {
  const out: { named: string[]; real: string[] } = { named: [], real: [] };
  for (const p of paths) {
    try {
      if (!(await fs.stat(p)).isDirectory()) continue;
      out.real.push(await fs.realpath(p));
      out.named.push(p);
    } catch {
      // Reported when the walk reaches it.
    }
  }
  return out;
}

function errorCode(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return '不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有权限';
  if (code === 'ELOOP') return '符号链接循环';
  return code ?? String(err);
}
