import { defineRule } from './rule';
import type { RuleFinding, Span } from '../types';

// Half-width mark → its full-width form in Chinese text.
const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '。', '!': '！', '?': '？', ';': '；', ':': '：', '(': '（', ')': '）' };
const HAN = '[\\u3400-\\u9fff\\uf900-\\ufaff]|[\\ud840-\\ud87f][\\udc00-\\udfff]';
const HAN_AT = new RegExp(`^(?:${HAN})`, 'u');
const HAN_BEFORE = new RegExp(`(?:${HAN})$`, 'u');
// A half-width mark right after Han (a space may stand between): , . ! ? ; :
// — `.` not when it starts a decimal, a file extension or an ellipsis (handled apart).
const AFTER_HAN = new RegExp(`(?<=${HAN})([ \\t]?)([,!?;:]|\\.(?![\\d.A-Za-z]))`, 'gu');
// A clause mark after a figure or a Latin word with Chinese going on after it: 超86%,算力 / iPhone,但.
const BEFORE_HAN = new RegExp(`(?<=[0-9A-Za-z%‰℃)”’])([,;:])(?=[ \\t]?(?:${HAN}))`, 'gu');
// Three or more dots (or two) after Chinese: an ellipsis typed with periods.
const DOT_ELLIPSIS = new RegExp(`(?<=${HAN})[ \\t]?(\\.{2,6})`, 'gu');
const URL_OR_EMAIL = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s\u3000-\u303f\uff00-\uffef\u3400-\u9fff“”‘’]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

interface Hit {
  /** Offset of the mark (the finding's range). */
  at: number;
  length: number;
  /** Span the fix replaces (the mark plus a space typed before or after it). */
  edit: Span;
  mark: string;
  full: string;
}

export const punctuationWidth = defineRule({
  id: 'punctuation-width',
  family: 'typography',
  description: '中文语句中使用了半角标点',
  defaultSeverity: 'warning',
  docs: {
    why: '中文正文应使用全角标点（GB/T 15834）。半角逗号、句号、叹号等夹在汉字之间，多见于从网页或 PDF 粘贴的文字，排版时字距失衡。小数（3.5）、时间（10:30）、网址和英文句子里的半角标点不受影响。',
    example: '当前,产业转型已成为关键路径 → 当前，产业转型已成为关键路径',
  },
  defaultOptions: {},
  check(doc) {
    const out: RuleFinding[] = [];
    // Body sentences only: headlines carry column tags like (人民观点) by house convention.
    for (const span of doc.sentences) {
      for (const hit of findHits(doc.text, span)) {
        out.push({
          start: hit.at,
          end: hit.at + hit.length,
          message: `中文语句中使用了半角“${hit.mark}”，应改为全角“${hit.full}”。`,
          fix: { title: `改为全角“${hit.full}”`, edits: [{ ...hit.edit, newText: hit.full }] },
        });
      }
    }
    return out;
  },
});


function findHits(text: string, span: Span): Hit[] {
  const body = text.slice(span.start, span.end);
  // Every pattern below needs a half-width mark: most Chinese sentences have none.
  if (!/[,.!?;:()]/.test(body)) return [];
  const skip = [...body.matchAll(URL_OR_EMAIL)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
  const inSkipped = (i: number) => skip.some((s) => i >= s.start && i < s.end);
  const hits = new Map<number, Hit>();
  const add = (i: number, length: number, edit: Span, mark: string, full: string) => {
    if (inSkipped(i) || hits.has(i)) return;
    hits.set(i, { at: span.start + i, length, edit: { start: span.start + edit.start, end: span.start + edit.end }, mark, full });
  };
  // Drop a space typed after the mark as well: "能级跃升! 书写" → "能级跃升！书写".
  // (The sentence may end at the mark, so look at the text, not the sentence.)
  const spaceAfter = (i: number) => (/[ \t]/.test(text[span.start + i] ?? '') && /[^\s]/.test(text[span.start + i + 1] ?? '') ? 1 : 0);

  const ellipsisDots = new Set<number>();
  for (const m of body.matchAll(DOT_ELLIPSIS)) {
    const at = m.index! + m[0].length - m[1].length;
    for (let k = 0; k < m[1].length; k++) ellipsisDots.add(at + k);
    const end = at + m[1].length;
    add(at, m[1].length, { start: m.index!, end: end + spaceAfter(end) }, m[1], '……');
  }

  for (const m of body.matchAll(AFTER_HAN)) {
    const [, space, mark] = m;
    const at = m.index! + space.length;
    if (ellipsisDots.has(at)) continue;
    // ":" between digits is a time or ratio (10:30), not punctuation.
    if (mark === ':' && /\d/.test(body[at + 1] ?? '')) continue;
    add(at, 1, { start: m.index!, end: at + 1 + spaceAfter(at + 1) }, mark, FULL_WIDTH[mark]);
  }

  for (const m of body.matchAll(BEFORE_HAN)) {
    const at = m.index!;
    add(at, 1, { start: at, end: at + 1 + spaceAfter(at + 1) }, m[1], FULL_WIDTH[m[1]]);
  }

  for (const i of parenthesesToWiden(body)) add(i, 1, { start: i, end: i + 1 }, body[i], FULL_WIDTH[body[i]]);

  return [...hits.values()].sort((a, b) => a.at - b.at);
}

/**
 * Half-width brackets that belong to Chinese text: a pair is widened as a whole when Chinese
 * stands before it or inside it (人工智能(AI)技术, GDP(国内生产总值)) but not for f(x)函数; a lone
 * bracket when Chinese touches it.
 */
function parenthesesToWiden(body: string): number[] {
  const out: number[] = [];
  const open: number[] = [];
  const hanBefore = (i: number) => HAN_BEFORE.test(body.slice(Math.max(0, i - 2), i));
  const hanAfter = (i: number) => HAN_AT.test(body.slice(i + 1, i + 3));
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '(') open.push(i);
    else if (body[i] === ')') {
      const o = open.pop();
      if (o === undefined) {
        if (hanBefore(i) || hanAfter(i)) out.push(i);
      } else if (hanBefore(o) || hanAfter(o) || hanBefore(i)) {
        out.push(o, i);
      }
    }
  }
  const touchesHan = (i: number) => hanBefore(i) || hanAfter(i);
  for (const o of open) if (touchesHan(o)) out.push(o);
  return out;
}
