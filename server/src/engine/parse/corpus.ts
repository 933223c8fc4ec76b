// Splits one corpus file into articles. A file holds either one article (headline first, byline
// optionally on line 2) or a whole newspaper page: section labels, cartoon captions with credits,
// several articles anchored by a headline line followed by a `●name` byline line, and sometimes an
// article whose headline and byline were laid out AFTER its body. Pages also break lines mid-sentence;
// the rebuilt article joins those pieces so that words are not cut in two.

import type { CorpusArticle } from '../profile/contributor';
import type { BylinePosition } from '../profile/types';
import { BULLET_MARKERS, parseBylineLine } from './byline';
import { parseDraft } from './draft';
import { HAN } from '../text/chars';
import { partitionPoint } from '../text/partition';

export interface CorpusFileMeta {
  /** From a MANIFEST.tsv `byline_pos` column: where the paper printed the byline ('end', '' …). */
  bylinePos?: string;
  /** From a MANIFEST.tsv `date` column (`YYYY-MM-DD`). */
  date?: string;
  /** A `.md` file: a `# ` heading is the headline. */
  markdown?: boolean;
}

interface Para {
  start: number;
  end: number;
  text: string;
}

/** Words a page uses as section labels; any very short line without punctuation counts too. */
const SECTION_LABELS = new Set(['本期', '聚焦', '观点', '大家谈', '画里有话', '画里', '有话', '思评', '万象', '社会', '广角', '评论', '时评', '言论', '论坛', '来论', '锐评', '快评', '短评']);
const MAX_LABEL_CHARS = 4;
const MAX_HEADLINE_CHARS = 40;
/** A credit line under a cartoon or photo: `■新华社发 王鹏作`, `（新华社发）`, `本报记者 摄`. */
const CREDIT = /^[■□▲]|新华社发|供图$|[ 　]摄$/;
const SENTENCE_CLOSE = /[。！？!?…；;：:”’」』）)》】]$/;

export function splitCorpusFile(file: string, text: string, meta: CorpusFileMeta = {}): CorpusArticle[] {
  const paras = paragraphsOf(text);
  if (!paras.length) return [];
  const anchors = findAnchors(paras);
  if (!anchors.length) return [wholeFileArticle(file, text, meta)];

  const isBoundary = new Array<boolean>(paras.length).fill(false);
  for (let i = 0; i < paras.length; i++) if (isLabel(paras[i].text) || CREDIT.test(paras[i].text)) isBoundary[i] = true;
  for (const a of anchors) isBoundary[a] = isBoundary[a + 1] = true;

  const claimed = new Array<boolean>(paras.length).fill(false);
  const articles: CorpusArticle[] = [];
  for (const h of anchors) {
    const body: number[] = [];
    for (let i = h + 2; i < paras.length && !isBoundary[i]; i++) body.push(i);
    if (!body.length) {
      // Headline and byline printed after the body: take the unclaimed run of text right before them.
      for (let i = h - 1; i >= 0 && !isBoundary[i] && !claimed[i]; i--) body.unshift(i);
    }
    if (!body.length) continue;
    for (const i of body) claimed[i] = true;
    articles.push(rebuild(file, text, paras[h], paras[h + 1], body.map((i) => paras[i]), 'after-headline'));
  }
  return articles;
}

function paragraphsOf(text: string): Para[] {
  const out: Para[] = [];
  const re = /[^\r\n]+/g;
  for (const m of text.matchAll(re)) {
    const raw = m[0];
    const lead = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (!trimmed) continue;
    const start = m.index! + lead;
    out.push({ start, end: start + trimmed.length, text: trimmed });
  }
  return out;
}

/** Indexes of headline paragraphs that are followed by a marker byline (`●高宏鑫`). */
function findAnchors(paras: Para[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < paras.length; i++) {
    const shape = parseBylineLine(paras[i + 1].text);
    if (!shape || shape.form !== 'marker-name' || !shape.names.length || !BULLET_MARKERS.includes(shape.marker)) continue;
    if (!looksLikeHeadline(paras[i].text)) continue;
    out.push(i);
  }
  return out;
}

function looksLikeHeadline(text: string): boolean {
  return text.length <= MAX_HEADLINE_CHARS && !/[。；;]$/.test(text) && !CREDIT.test(text) && !parseBylineLine(text);
}

function isLabel(text: string): boolean {
  if (SECTION_LABELS.has(text)) return true;
  return text.length <= MAX_LABEL_CHARS && [...text].every((ch) => HAN.test(ch));
}

/** A file that holds one article: the text stays as it is, so offsets are the file's own. */
function wholeFileArticle(file: string, text: string, meta: CorpusFileMeta): CorpusArticle {
  const doc = parseDraft(text, { markdown: meta.markdown });
  let bylinePosition: BylinePosition;
  if (meta.bylinePos !== undefined) bylinePosition = doc.byline && meta.bylinePos === 'end' ? 'end' : doc.byline ? 'after-headline' : 'none';
  else bylinePosition = !doc.byline ? 'none' : doc.byline.position === 'after-headline' ? 'after-headline' : 'end';
  return { file, headline: doc.headline?.text ?? '', doc, fileOffset: (o) => o, bylinePosition, ...(meta.date ? { date: meta.date } : {}) };
}

/** A stretch of a rebuilt article's text copied from its file: doc offsets [docStart, docStart + length) ↔ file offsets. */
export interface FilePiece {
  docStart: number;
  fileStart: number;
  length: number;
}

/** The file offset of `docOffset` in an article rebuilt from `pieces` (CorpusArticle.fileOffset). */
export function fileOffsetIn(pieces: readonly FilePiece[], docOffset: number): number {
  const p = pieces[Math.max(0, partitionPoint(pieces.length, (i) => pieces[i].docStart <= docOffset) - 1)];
  return p.fileStart + Math.min(Math.max(0, docOffset - p.docStart), p.length);
}

/** Rebuilds an article as a draft (headline, byline, body) and keeps a map back to file offsets. */
function rebuild(file: string, text: string, headline: Para, byline: Para, body: Para[], bylinePosition: BylinePosition): CorpusArticle {
  const pieces: FilePiece[] = [];
  let out = '';
  const append = (p: Para) => {
    pieces.push({ docStart: out.length, fileStart: p.start, length: p.end - p.start });
    out += p.text;
  };
  append(headline);
  out += '\n';
  append(byline);
  for (let i = 0; i < body.length; i++) {
    // A paragraph cut mid-sentence by the page layout continues on the next one: join them.
    if (i === 0 || !continuesOnNextLine(body[i - 1].text, body[i].text)) out += '\n';
    append(body[i]);
  }
  out += '\n';
  const doc = parseDraft(out);
  return {
    file,
    headline: headline.text,
    doc,
    bylinePosition,
    filePieces: pieces,
    fileOffset: (docOffset) => fileOffsetIn(pieces, docOffset),
  };
}

function continuesOnNextLine(prev: string, next: string): boolean {
  if (SENTENCE_CLOSE.test(prev)) return false;
  const last = prev[prev.length - 1];
  const first = next[0];
  return /[\p{Script=Han}\w，、,（(“]/u.test(last) && /[\p{Script=Han}\w）)”]/u.test(first);
}
