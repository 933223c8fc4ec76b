// Builds the benchmark folder: several variants of each corpus article with their numbers changed,
// so that the CLI's content-hash cache cannot short-cut a file. Variants are padded with paragraphs
// of another article to reach the requested size.
//
// Lint segments only the clauses its rules ask about (about 5% of this folder's text), and the
// segmenter's clause cache keeps all of them: a clause without digits is segmented for its first
// variant and found in the cache for the later ones. A folder of distinct articles would segment
// about twice as much text; segmentation is a small share of lint's time either way.
//
// Padding paragraphs are joined in pairs, so no padded line equals a paragraph of its source
// article's own files.

import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface FolderSpec {
  corpusDir: string;
  outDir: string;
  /** Number of files to write. */
  files: number;
  /** Total size to reach, in bytes (UTF-8). */
  bytes: number;
}

export interface BuiltFolder {
  dir: string;
  files: number;
  bytes: number;
  articles: number;
  variants: number;
}

export interface Article {
  name: string;
  /** Headline and byline lines, kept as they are. */
  head: string[];
  paragraphs: string[];
}

/** Reads the corpus articles (line 1 headline, optional line 2 byline, blank line, paragraphs). */
export function readArticles(corpusDir: string): Article[] {
  const names = readdirSync(corpusDir).filter((n) => n.endsWith('.txt')).sort();
  return names.map((name) => {
    const text = readFileSync(path.join(corpusDir, name), 'utf8').replace(/\r\n?/g, '\n');
    const blocks = text.split(/\n\s*\n/);
    const head = blocks[0].split('\n').filter((l) => l.trim());
    const paragraphs = blocks.slice(1).flatMap((b) => b.split('\n')).map((l) => l.trim()).filter(Boolean);
    return { name, head, paragraphs };
  });
}

const FULL_WIDTH_ZERO = 0xff10;

/**
 * Changes every number in `text` for variant `variant` (1…9): the last digit of each run of digits
 * (ASCII or full-width) moves up by `variant`, modulo 10, so two variants never share a number.
 */
export function changeNumbers(text: string, variant: number): string {
  return text.replace(/[0-9]+|[０-９]+/g, (run) => {
    const fullWidth = run.charCodeAt(0) >= FULL_WIDTH_ZERO;
    const last = run.charCodeAt(run.length - 1) - (fullWidth ? FULL_WIDTH_ZERO : 48);
    const next = (last + variant) % 10;
    return run.slice(0, -1) + String.fromCharCode((fullWidth ? FULL_WIDTH_ZERO : 48) + next);
  });
}

function render(head: string[], paragraphs: string[]): string {
  return [head.join('\n'), ...paragraphs].join('\n\n') + '\n';
}

/** Paragraphs of `source`, joined two by two, with numbers changed for `variant`. */
function paddingLines(source: Article, variant: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < source.paragraphs.length; i += 2) {
    out.push(changeNumbers(source.paragraphs.slice(i, i + 2).join(''), variant));
  }
  return out;
}

export function buildBenchFolder(spec: FolderSpec): BuiltFolder {
  const articles = readArticles(spec.corpusDir);
  if (articles.length === 0) throw new Error(`no .txt articles in ${spec.corpusDir}`);
  const variants = Math.ceil(spec.files / articles.length);
  if (variants > 9) throw new Error(`at most 9 variants per article (asked ${spec.files} files from ${articles.length} articles)`);

  const plan: { article: number; variant: number }[] = [];
  for (let v = 1; v <= variants && plan.length < spec.files; v++) {
    for (let a = 0; a < articles.length && plan.length < spec.files; a++) plan.push({ article: a, variant: v });
  }
  const bodies = plan.map(({ article, variant }) => {
    const a = articles[article];
    return { head: a.head.map((l) => changeNumbers(l, variant)), paragraphs: a.paragraphs.map((p) => changeNumbers(p, variant)) };
  });
  const baseBytes = bodies.reduce((sum, b) => sum + Buffer.byteLength(render(b.head, b.paragraphs)), 0);
  const scale = spec.bytes / baseBytes;

  rmSync(spec.outDir, { recursive: true, force: true });
  mkdirSync(spec.outDir, { recursive: true });
  let total = 0;
  plan.forEach(({ article, variant }, i) => {
    const body = bodies[i];
    const own = Buffer.byteLength(render(body.head, body.paragraphs));
    const goal = own * scale;
    const paragraphs = [...body.paragraphs];
    let size = own;
    // Borrow from the article half the corpus away, then the next ones, and stop at whichever size
    // is nearer the goal, so that the folder total lands on the target.
    let full = size >= goal;
    for (let step = 0; !full && step < articles.length; step++) {
      const source = articles[(article + Math.floor(articles.length / 2) + step) % articles.length];
      for (const line of paddingLines(source, variant)) {
        const grown = size + Buffer.byteLength(line) + 2;
        full = grown - goal > goal - size;
        if (full) break;
        paragraphs.push(line);
        size = grown;
        full = size >= goal;
        if (full) break;
      }
    }
    const text = render(body.head, paragraphs);
    total += Buffer.byteLength(text);
    writeFileSync(path.join(spec.outDir, `v${variant}-${articles[article].name}`), text);
  });
  return { dir: spec.outDir, files: plan.length, bytes: total, articles: articles.length, variants };
}
