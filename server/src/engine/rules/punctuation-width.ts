import { defineRule } from './rule';
import type { RuleFinding } from '../types';

// Half-width mark → its full-width form in Chinese text.
const FULL_WIDTH: Record<string, string> = { ',': '，', '.': '。', '!': '！', '?': '？', ';': '；', ':': '：', '(': '（', ')': '）' };
const HAN = '[\\u3400-\\u9fff\\uf900-\\ufaff]|[\\ud840-\\ud87f][\\udc00-\\udfff]';
// A half-width mark with Han on the side that matters: before it (, . ! ? ; : and ")"), or after "(".
const PATTERN = new RegExp(`(?<=${HAN})[ \\t]?([,!?;:)]|\\.(?!\\d))|([(])(?=${HAN})`, 'gu');

export const punctuationWidth = defineRule({
  id: 'punctuation-width',
  family: 'typography',
  description: '中文语句中使用了半角标点',
  defaultSeverity: 'warning',
  docs: {
    why: '中文正文应使用全角标点（GB/T 15834）。半角逗号、句号、叹号等夹在汉字之间，多见于从网页或 PDF 粘贴的文字，排版时字距失衡。',
    example: '当前,产业转型已成为关键路径 → 当前，产业转型已成为关键路径',
  },
  defaultOptions: {},
  check(doc) {
    const out: RuleFinding[] = [];
    for (const s of doc.sentences) {
      PATTERN.lastIndex = 0;
      for (const m of s.text.matchAll(PATTERN)) {
        const mark = m[1] ?? m[2];
        const at = s.start + m.index! + m[0].indexOf(mark);
        // ":" between digits is a time or ratio (10:30), not punctuation.
        if (mark === ':' && /\d/.test(doc.text[at + 1] ?? '')) continue;
        const full = FULL_WIDTH[mark];
        // Drop a space typed after the half-width mark as well: "能级跃升! 书写" → "能级跃升！书写".
        const spaceAfter = /[ \t]/.test(doc.text[at + 1] ?? '') ? 1 : 0;
        out.push({
          start: at,
          end: at + 1,
          message: `中文语句中使用了半角“${mark}”，应改为全角“${full}”。`,
          fix: { title: `改为全角“${full}”`, edits: [{ start: at, end: at + 1 + spaceAfter, newText: full }] },
        });
      }
    }
    return out;
  },
});
