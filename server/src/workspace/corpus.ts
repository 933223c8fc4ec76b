// A corpus on disk: the files under the folders (and files) given to `learn`, each referenced as
// `<folder name>/<path inside it>` so that shards of one folder line up, and read into the texts
// the engine learns from (engine/profile/learn.ts).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CorpusFileMeta } from '../engine/parse/corpus';
import type { CorpusEntry, CorpusText } from '../engine/profile/learn';
import { readText } from './read';

/** Corpus files are read whole up to this size; larger ones are skipped with a message. */
export const MAX_CORPUS_FILE_BYTES = 20 * 1024 * 1024;
const CORPUS_EXTENSIONS = new Set(['.txt', '.md']);

export interface CorpusFile extends CorpusEntry {
  absolute: string;
}

export interface CollectedCorpus {
  /** Sorted by reference, each file once. */
  files: CorpusFile[];
  /** Paths given that do not exist. */
  missing: { file: string; reason: string }[];
}

/** Every corpus file (.txt, .md; hidden folders and node_modules skipped) under the given paths. */
export function collectCorpusFiles(paths: readonly string[]): CollectedCorpus {
  const byAbsolute = new Map<string, CorpusFile>();
  const missing: { file: string; reason: string }[] = [];
  for (const p of paths) {
    const absolute = path.resolve(p);
    let st;
    try {
      st = statSync(absolute);
    } catch {
      missing.push({ file: p, reason: '路径不存在，已跳过。' });
      continue;
    }
    if (st.isDirectory()) {
      const source = path.basename(absolute);
      walk(absolute, (file, bytes, meta) => {
        const ref = `${source}/${path.relative(absolute, file).split(path.sep).join('/')}`;
        byAbsolute.set(file, { absolute: file, ref, source, bytes, meta });
      });
    } else {
      const dir = path.dirname(absolute);
      const source = path.basename(dir);
      const meta = { ...(readManifest(dir).get(path.basename(absolute)) ?? {}), markdown: absolute.endsWith('.md') };
      byAbsolute.set(absolute, { absolute, ref: `${source}/${path.basename(absolute)}`, source, bytes: st.size, meta });
    }
  }
  const files = [...byAbsolute.values()].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  return { files, missing };
}

/** A corpus file's text as the engine learns from it, or why it could not be read. */
export function readCorpusFile(file: CorpusFile, maxBytes = MAX_CORPUS_FILE_BYTES): CorpusText {
  const { ref, source, bytes, meta } = file;
  const decoded = readText(file.absolute, maxBytes);
  return decoded.ok ? { ref, source, bytes, meta, text: decoded.text } : { ref, source, bytes, meta, unreadable: decoded.reason };
}

function walk(dir: string, visit: (file: string, bytes: number, meta: CorpusFileMeta) => void): void {
  const manifest = readManifest(dir);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, visit);
    else if (entry.isFile() && CORPUS_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      visit(full, statSync(full).size, { ...(manifest.get(entry.name) ?? {}), markdown: entry.name.toLowerCase().endsWith('.md') });
    }
  }
}

/** `MANIFEST.tsv` beside corpus files: `file` and `byline_pos` columns say where bylines were printed; `date`, when published. */
function readManifest(dir: string): Map<string, CorpusFileMeta> {
  const out = new Map<string, CorpusFileMeta>();
  const file = path.join(dir, 'MANIFEST.tsv');
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const header = lines[0]?.split('\t') ?? [];
  const fileCol = header.indexOf('file');
  const posCol = header.indexOf('byline_pos');
  const dateCol = header.indexOf('date');
  if (fileCol < 0 || posCol < 0) return out;
  for (const line of lines.slice(1)) {
    const cols = line.split('\t');
    if (cols[fileCol]) out.set(cols[fileCol], { bylinePos: cols[posCol] ?? '', ...(dateCol >= 0 && cols[dateCol] ? { date: cols[dateCol] } : {}) });
  }
  return out;
}
