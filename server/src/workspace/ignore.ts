// `.opinionlintignore`: gitignore-style patterns, relative to the folder the file sits in.
// `#` comments, `!` re-includes, a trailing `/` matches folders only, a `/` inside or at the start
// anchors the pattern to that folder, `*` `?` `[…]` match within a name and `**` across folders.
// The last matching pattern wins; files inside an ignored folder stay ignored.

import path from 'node:path';
import { readSettingsFile } from './read';

export const IGNORE_FILE_NAME = '.opinionlintignore';
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;

interface IgnorePattern {
  /** Folder the pattern is relative to (absolute). */
  base: string;
  regex: RegExp;
  negate: boolean;
  dirOnly: boolean;
}

export class IgnoreRules {
  private constructor(private readonly patterns: readonly IgnorePattern[]) {}

  static empty(): IgnoreRules {
    return new IgnoreRules([]);
  }

  /**
   * These rules plus the patterns of `dir`'s ignore file, if it has one. Only a regular file of
   * reasonable size is read: in a hostile folder it may be a link to a pipe or to /dev/zero.
   */
  withFolder(dir: string): IgnoreRules {
    const read = readSettingsFile(path.join(dir, IGNORE_FILE_NAME), MAX_IGNORE_FILE_BYTES);
    return read.ok ? this.withPatterns(dir, read.text) : this;
  }

  withPatterns(base: string, text: string): IgnoreRules {
    const added = text.split(/\r?\n|\r/).flatMap((line) => {
      const p = compilePattern(base, line);
      return p ? [p] : [];
    });
    return added.length ? new IgnoreRules([...this.patterns, ...added]) : this;
  }

  /** Whether `abs` (a file, or a folder when `isDir`) is ignored by the patterns alone (not its parents). */
  ignores(abs: string, isDir: boolean): boolean {
    let ignored = false;
    for (const p of this.patterns) {
      if (p.dirOnly && !isDir) continue;
      const rel = path.relative(p.base, abs);
      if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) continue;
      if (p.regex.test(rel.split(path.sep).join('/'))) ignored = !p.negate;
    }
    return ignored;
  }

  /** Whether `abs` or any folder between the patterns' bases and it is ignored (for paths named directly). */
  ignoresPath(abs: string, isDir: boolean): boolean {
    const chain: string[] = [];
    for (let dir = path.dirname(abs); dir !== path.dirname(dir); dir = path.dirname(dir)) chain.unshift(dir);
    return chain.some((dir) => this.ignores(dir, true)) || this.ignores(abs, isDir);
  }
}

function compilePattern(base: string, line: string): IgnorePattern | undefined {
  let p = line.replace(/(?<!\\)\s+$/, '');
  if (!p || p.startsWith('#')) return undefined;
  let negate = false;
  if (p.startsWith('!')) {
    negate = true;
    p = p.slice(1);
  } else if (p.startsWith('\\!') || p.startsWith('\\#')) {
    p = p.slice(1);
  }
  let dirOnly = false;
  if (p.endsWith('/')) {
    dirOnly = true;
    p = p.replace(/\/+$/, '');
  }
  if (!p) return undefined;
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const body = globToRegex(p);
  return { base, negate, dirOnly, regex: new RegExp(anchored ? `^${body}$` : `^(?:.*/)?${body}$`, 'u') };
}

function globToRegex(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const atStart = i === 0 || glob[i - 1] === '/';
      const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
      if (atStart && atEnd) {
        if (i + 2 === glob.length) out += '.*';
        else {
          out += '(?:.*/)?';
          i++; // the slash after ** is part of the group
        }
        i++;
        continue;
      }
    }
    if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '\\' && i + 1 < glob.length) out += escapeRegex(glob[++i]);
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) out += '\\[';
      else {
        let cls = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
        if (cls.startsWith('!')) cls = `^${cls.slice(1)}`;
        out += `[${cls}]`;
        i = close;
      }
    } else out += escapeRegex(c);
  }
  return out;
}

function escapeRegex(c: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(c) ? `\\${c}` : c;
}
