import type { ParsedDraft, Paragraph } from '../parse/draft';
import { tagText } from '../text/segmenter';
import type { RuleFinding } from '../types';
import { defineRule } from './rule';

// A paragraph that ends with one of these ends a sentence or clause (or closes a quotation, a
// bracket, a dash): the next paragraph may start afresh.
const TERMINATED = /(?:[。！？!?…；;：:”’」』）)】》.—]|-->)$/;
// Lines that are headings, list items, tables, quotes, credits or captions, not running text.
const STRUCTURAL = /^(?:#|\||>|```|[-*+]\s|[•●○◆◇■□▲△★☆◎※]|[一二三四五六七八九十]+[、.．]|\d{1,3}(?:[、)）]|[.．](?!\d))|[（(][一二三四五六七八九十\d]{1,3}[)）]|第[一二三四五六七八九十\d]+[，、：:])/;
const EDITOR_NOTE = /^[（(].*[）)]$/;
const PUNCTUATION = /[，。；？！,;：:…]/;
// A line this short with no punctuation is a title, label or caption rather than a broken sentence.
const TITLE_MAX = 30;
const CONTINUES = /^[\u3400-\u9fff\ud840-\ud87fA-Za-z0-9“‘《（(，、。；：！？,.;:!?]/;
const WORD_WINDOW = 6;
// Subheadings in commentaries also end unpunctuated before a new paragraph. What sets a pasted
// break apart: the paragraph already holds a finished sentence (the break cut the next one), it
// ends on a word that needs a continuation, the next one starts with one that cannot open a
// sentence, it is longer than any subheading, or a dictionary word straddles the break.
const SENTENCE_INSIDE = /[。！？!?]/;
const DANGLING_END = /(?:[之和与及或而在对把被从向将为以但又也就都却让使令给由于并且等是]|[A-Za-z0-9%]|[，、,])$/;
const DANGLING_START = /^[，、。；：！？,.;:!?的了着过们地得之]/;
const RUN_ON_LENGTH = 80;
const LEDE_MAX = 250;

export const brokenLine = defineRule({
  id: 'broken-line',
  family: 'typography',
  description: '句子或词语被换行、分段断开',
  defaultSeverity: 'warning',
  docs: {
    why: '从 PDF 或排版页面复制的稿件，常在句子甚至词语中间断行、空行，成为两个“段落”。上一段没有句末标点、下一段紧接着把句子说完，就是断行。合并后才能正确断句、统计和排版。标题、署名、小标题、列表项和图片说明不算。',
    example: '……共同攻克（空行）技术难题，提升…… → ……共同攻克技术难题，提升……',
  },
  defaultOptions: {},
  check(doc) {
    const out: RuleFinding[] = [];
    const ledeEnd = ledeZoneEnd(doc);
    for (let i = 0; i + 1 < doc.paragraphs.length; i++) {
      const prev = doc.paragraphs[i];
      const next = doc.paragraphs[i + 1];
      if (!isBrokenPair(prev, next)) continue;
      const word = splitWord(prev.text, next.text);
      // Pull-quote ledes under a headline end unpunctuated by design: there only a split word counts.
      if (prev.index <= ledeEnd && !word) continue;
      if (!word && !looksCut(prev.text, next.text)) continue;
      out.push(report(prev, next, word));
    }
    return out;
  },
});

function isBrokenPair(prev: Paragraph, next: Paragraph): boolean {
  if (prev.kind !== 'body' || next.kind !== 'body') return false;
  if (TERMINATED.test(prev.text)) return false;
  if (STRUCTURAL.test(prev.text) || STRUCTURAL.test(next.text)) return false;
  if (isTitleLike(prev.text) || isTitleLike(next.text)) return false;
  if (EDITOR_NOTE.test(next.text)) return false;
  return CONTINUES.test(next.text);
}

function looksCut(prev: string, next: string): boolean {
  return SENTENCE_INSIDE.test(prev) || DANGLING_END.test(prev) || DANGLING_START.test(next) || charCount(prev, RUN_ON_LENGTH) > RUN_ON_LENGTH;
}

function isTitleLike(text: string): boolean {
  return charCount(text, TITLE_MAX) <= TITLE_MAX && !PUNCTUATION.test(text);
}

/** Characters in `text` (astral ones once), counted only up to just past `limit`. */
function charCount(text: string, limit: number): number {
  if (text.length <= limit) return text.length;
  if (text.length > 2 * limit) return limit + 1;
  return [...text].length;
}

/**
 * Index of the last paragraph of the lede zone: the run of short unpunctuated lines right after
 * the headline (subtitle, pull-quote ledes, labels), which newspapers print without a final mark.
 */
function ledeZoneEnd(doc: ParsedDraft): number {
  if (!doc.headline) return -1;
  let end = doc.headline.paragraph;
  for (const p of doc.paragraphs.slice(end + 1)) {
    const lede = !TERMINATED.test(p.text) && charCount(p.text, LEDE_MAX) <= LEDE_MAX;
    if (p.kind === 'comment' || p.kind === 'byline' || lede) end = p.index;
    else break;
  }
  return end;
}

function report(prev: Paragraph, next: Paragraph, word: string | undefined): RuleFinding {
  const lastLen = (prev.text.codePointAt(prev.text.length - 2) ?? 0) > 0xffff ? 2 : 1;
  const firstLen = (next.text.codePointAt(0) ?? 0) > 0xffff ? 2 : 1;
  const latinJoin = /[A-Za-z0-9]$/.test(prev.text) && /^[A-Za-z0-9]/.test(next.text);
  const what = word ? `词语“${word}”被换行拆成了两段` : '句子在这里被换行断开，上一段没有句末标点，下一段接着把句子说完';
  return {
    start: prev.end - lastLen,
    end: next.start + firstLen,
    message: `${what}，像是从 PDF 或排版页面粘贴时带进来的断行。请删除断行，把两段合并为一段。`,
    fix: { title: '删除断行，合并为一段', edits: [{ start: prev.end, end: next.start, newText: latinJoin ? ' ' : '' }] },
  };
}

/** A word that jieba finds across the break (“文化” in 敕勒川文 / 化广场), if any. */
function splitWord(before: string, after: string): string | undefined {
  const tail = before.slice(-WORD_WINDOW);
  const joined = tail + after.slice(0, WORD_WINDOW);
  const token = tagText(joined).find((t) => t.start < tail.length && t.end > tail.length);
  // jieba tags words it made up itself (not in its dictionary) as 'x': those prove nothing.
  return token && token.tag !== 'x' && /^[\u3400-\u9fff]{2,}$/.test(token.word) ? token.word : undefined;
}
