import { outsideComments, type ParsedDraft, type Paragraph } from '../parse/draft';
import type { RuleFinding } from '../types';
import { defineRule } from './rule';

const OPEN_TO_CLOSE: Record<string, string> = { '“': '”', '‘': '’', '《': '》', '（': '）', '【': '】' };
const CLOSE_TO_OPEN: Record<string, string> = Object.fromEntries(Object.entries(OPEN_TO_CLOSE).map(([o, c]) => [c, o]));
// What each mark is called, and what the text between a pair is called (for the advice).
const NAMES: Record<string, string> = { '“': '前引号', '”': '后引号', '‘': '前单引号', '’': '后单引号', '《': '前书名号', '》': '后书名号', '（': '左括号', '）': '右括号', '【': '左方括号', '】': '右方括号' };
const CONTENT: Record<string, string> = { '“': '引文', '‘': '引文', '《': '书名', '（': '括注', '【': '括注' };
// `1）` `二）` opening a list item close a bracket that was never opened, by convention.
const LIST_MARK = /^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[a-zA-Z])）/;

/** The paired marks, and by UTF-16 unit each one's place among them plus one: a scan by character code makes no string per mark. */
const PAIRED_MARKS = [...'“”‘’《》（）【】'];
const PAIRED_MARK_AT = new Uint8Array(0x10000);
PAIRED_MARKS.forEach((c, i) => (PAIRED_MARK_AT[c.charCodeAt(0)] = i + 1));

interface Mark {
  char: string;
  at: number;
}

export const punctuationPairing = defineRule({
  id: 'punctuation-pairing',
  family: 'typography',
  description: '引号、书名号、括号不成对',
  defaultSeverity: 'error',
  docs: {
    why: '“”‘’《》（）【】必须成对出现，少了一半会让读者分不清引文或书名在哪里结束，排版前必须改正。跨段引用时，每段开头用前引号、只在最后一段末尾用后引号，这是规范用法，不会报告。',
    example: '他说：“要把实事办实。 → 他说：“要把实事办实。”',
  },
  defaultOptions: {},
  check(doc) {
    const out: RuleFinding[] = [];
    const content = doc.paragraphs.filter((p) => p.kind !== 'comment');
    content.forEach((p, i) => {
      const unmatched = unmatchedMarks(doc, p);
      // A multi-paragraph quotation opens “ at each paragraph and closes only in the last one.
      const nextOpensQuote = content[i + 1]?.text.startsWith('“') ?? false;
      for (const m of unmatched) {
        if (m.char === '“' && nextOpensQuote) continue;
        out.push(report(m));
      }
    });
    return out;
  },
});

/** Marks of one paragraph left without a partner (stack matching; comments skipped). */
function unmatchedMarks(doc: ParsedDraft, p: Paragraph): Mark[] {
  const unmatched: Mark[] = [];
  const stack: Mark[] = [];
  // Open marks of each kind on the stack, so a closer with no partner costs no stack scan.
  const open: Record<string, number> = {};
  const text = doc.text;
  for (const span of outsideComments(p, doc.comments)) {
    for (let at = span.start; at < span.end; at++) {
      const mark = PAIRED_MARK_AT[text.charCodeAt(at)];
      if (!mark) continue;
      const char = PAIRED_MARKS[mark - 1];
      if (OPEN_TO_CLOSE[char]) {
        stack.push({ char, at });
        open[char] = (open[char] ?? 0) + 1;
        continue;
      }
      const opener = CLOSE_TO_OPEN[char];
      if (!opener) continue;
      if (char === '’' && isApostrophe(doc.text, at)) continue;
      if (char === '）' && at - p.start < 4 && LIST_MARK.exec(doc.text.slice(p.start, at + 1))?.[0].length === at + 1 - p.start) continue;
      if (!open[opener]) {
        unmatched.push({ char, at });
        continue;
      }
      // Pop to the partner; openers above it were never closed: “甲（乙”.
      for (let top = stack.pop()!; ; top = stack.pop()!) {
        open[top.char]--;
        if (top.char === opener) break;
        unmatched.push(top);
      }
    }
  }
  for (const m of stack) unmatched.push(m);
  return unmatched.sort((a, b) => a.at - b.at);
}

/** ’ between two Latin letters is an apostrophe (China’s), not a closing quote. */
function isApostrophe(text: string, at: number): boolean {
  return /[A-Za-z]/.test(text[at - 1] ?? '') && /[A-Za-z]/.test(text[at + 1] ?? '');
}

function report(m: Mark): RuleFinding {
  const opening = Boolean(OPEN_TO_CLOSE[m.char]);
  const partner = opening ? OPEN_TO_CLOSE[m.char] : CLOSE_TO_OPEN[m.char];
  const content = CONTENT[opening ? m.char : partner];
  // Marks are set off by spaces, not quoted: “ inside “…” would be unreadable.
  const message = opening
    ? `${NAMES[m.char]} ${m.char} 没有对应的${NAMES[partner]} ${partner}。请在${content}结束处补上 ${partner}，或删去多余的 ${m.char}。`
    : `${NAMES[m.char]} ${m.char} 前面没有对应的${NAMES[partner]} ${partner}。请在${content}开始处补上 ${partner}，或删去多余的 ${m.char}。`;
  return { start: m.at, end: m.at + 1, message };
}
