// Canonical formulations (提法): the fixed wordings an archive writes the same way nearly every time
// (全面建成小康社会, 以人民为中心, 不忘初心、牢记使命), and the near-variants of them it has seen — what
// formulation-variant flags in a draft, and what it tolerates.
//
// A near-variant is one slip away from the canonical text:
// - one character substituted (以人民为核心), inserted or deleted inside it, or two neighbours
//   swapped (命运同共体), found by exact anchors: with one edit, the canonical text's first or second
//   half is still there word for word, so the halves are patterns of one Aho–Corasick pass and
//   each hit is checked by a bounded comparison of the window around it (a swap around the middle,
//   which breaks both halves, has an anchor of its own);
// - for an enumeration, its members reordered (安全感、幸福感、获得感) or one member left out (exact
//   patterns generated from its members), or one added (its first members and a 、 as the anchor);
// - for a formula, words reordered where the order is the formulation's (exact patterns too): a
//   four-character word's halves, a conjunction's sides, a closed series written without 、
//   (共建共治共享); and in a long one a word dropped or replaced (see wordEdits in scan).
// A window counts only when it starts and ends where words do (我国|国家制度 holds no 国国家制度),
// and only edits a writer makes by mistake count (isSlip).
//
// Learning runs the same matcher over the corpus's streams after the table is mined: for each
// candidate, how often the canonical text is used and which variants appear in how many articles.
// A candidate is a formulation when its canonical text is used in enough articles and dominates its
// variants. The archive's own variants are kept as evidence: one used in two articles or more is
// tolerated; a word the archive fills in several ways (打赢|打好|打响脱贫攻坚战) is an open slot, where
// a draft may write yet another one.

import type { ExampleRef, Span } from '../types';
import { draftMemo, type ParsedDraft } from '../parse/draft';
import type { Formulation, FormulationEdit, FormulationVariant, Profile } from '../profile/types';
import { partitionPoint } from '../text/partition';
import { soundsAlike } from '../text/sound';
import { dictionaryFrequency } from '../text/segmenter';
import { AhoCorasick } from './aho-corasick';
import type { PhraseStream } from './stream';
import type { Vocabulary } from './features';

/** A phrase offered to the formulation miner: its text and its words (or members). */
export interface FormulationCandidate {
  phrase: string;
  kind: 'formula' | 'enumeration';
  /** The words of a formula as jieba cut them, or the members of an enumeration. */
  units: string[];
  /** jieba's tags of a formula's words. */
  tags?: string[];
  /** Articles the phrase miner counted it in, when known: fewer than a formulation needs, it is not searched for. */
  articles?: number;
  /** The archive quotes it as a name (“两个维护”): fixed as a whole. */
  named?: boolean;
}

/** One slip from a canonical text, or the text itself. */
interface FormulationHit {
  /** Index of the formulation (the canonical text) in the matcher's list. */
  form: number;
  start: number;
  end: number;
  edit: FormulationEdit | 'exact';
  /** Where in the canonical text the edit is (a character index; for an insertion, the gap before that index); -1 for list-level edits. */
  at: number;
}

/** Shortest formula (characters) a single-character edit is checked in: shorter ones have too many legitimate neighbours. */
const MIN_FORMULA_CHARS = 4;
/** A formulation this long is named by the rest of it when one of its one-character words is replaced. */
const MIN_NAMED_BY_REST_CHARS = 7;
/** At most this many members are reordered in every way; longer lists only by swapping neighbours. */
const MAX_PERMUTED_MEMBERS = 4;

const SEPARATOR = '、';
/**
 * A list of three with one left out is two, which writers pair freely (获得感、幸福感; 全面动员、全面
 * 部署): a missing member is looked for in lists of four or more.
 */
const MIN_MEMBERS_FOR_MISSING = 4;
/**
 * …or in a closed series of three whose members are this long (严以修身、严以用权、严以律己): two of
 * them are a series with one left out, not a pair of the writer's.
 */
const MIN_SERIES_MEMBER_CHARS = 4;

/** A missing member of this list is looked for. */
function judgesMissingMember(f: { kind: 'formula' | 'enumeration'; units: readonly string[] }): boolean {
  return f.units.length >= MIN_MEMBERS_FOR_MISSING || (f.units.length === 3 && closedSeries(f) && f.units.every((m) => m.length >= MIN_SERIES_MEMBER_CHARS));
}
/** …and an added member in lists of three or more (a pair is often split: 想在一起、站在一起、干在一起). */
const MIN_MEMBERS_FOR_ADDED = 3;

interface Use {
  form: number;
  /**
   * 'left' / 'right': the first or second half of the canonical text; 'list': a whole variant list;
   * 'head': the members before gap `gap` and a 、, where another member may have been added;
   * 'swap-left' / 'swap-right': the text before (after) the two characters around the middle, with
   * those two swapped, which a swap breaking both halves writes (人类命|运共同体 → 人类运命共同体);
   * 'words': the whole text with the halves of a four-character word swapped, or the heads of two
   *  neighbouring members of a list, at `gap`;
   * 'lead': in a long formula, the text before the word across its middle, which a word dropped or
   *  replaced there leaves while breaking both halves.
   */
  role: 'left' | 'right' | 'list' | 'head' | 'swap-left' | 'swap-right' | 'words' | 'lead';
  edit?: FormulationEdit;
  gap?: number;
}

/** Characters that join a list's last member to it or to the rest of the clause (安全感和成就感): no member holds them. */
const JOINERS = new Set([...'和与及或并的']);
/** Longest member a writer adds to a list (in characters). */
const MAX_ADDED_MEMBER = 8;

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf);
}

function allHan(word: string): boolean {
  for (let i = 0; i < word.length; i++) if (!isHan(word.charCodeAt(i))) return false;
  return word.length > 0;
}

/**
 * The edit that turns `canon` into `text[start, end)`, when there is exactly one: a substitution,
 * an insertion or deletion inside it, or two neighbouring characters swapped. Edited characters are
 * Han (separators are the writer's: 获得感幸福感安全感).
 */
export function singleEdit(canon: string, text: string, start: number, end: number): { edit: FormulationEdit | 'exact'; at: number } | undefined {
  const m = canon.length;
  const n = end - start;
  if (n === m) {
    let first = -1;
    let second = -1;
    for (let i = 0; i < m; i++) {
      if (canon.charCodeAt(i) === text.charCodeAt(start + i)) continue;
      if (first < 0) first = i;
      else if (second < 0) second = i;
      else return undefined;
    }
    if (first < 0) return { edit: 'exact', at: -1 };
    if (second < 0) return isHan(canon.charCodeAt(first)) && isHan(text.charCodeAt(start + first)) ? { edit: 'substitution', at: first } : undefined;
    if (second === first + 1 && canon[first] === text[start + second] && canon[second] === text[start + first] && isHan(canon.charCodeAt(first)) && isHan(canon.charCodeAt(second))) {
      return { edit: 'transposition', at: first };
    }
    return undefined;
  }
  if (n === m - 1) {
    let i = 0;
    while (i < n && canon.charCodeAt(i) === text.charCodeAt(start + i)) i++;
    // Interior only: a shorter window at an edge is just a shorter phrase.
    if (i === 0 || i >= m - 1 || !isHan(canon.charCodeAt(i))) return undefined;
    for (let j = i; j < n; j++) if (canon.charCodeAt(j + 1) !== text.charCodeAt(start + j)) return undefined;
    return { edit: 'deletion', at: i };
  }
  if (n === m + 1) {
    let i = 0;
    while (i < m && canon.charCodeAt(i) === text.charCodeAt(start + i)) i++;
    if (i === 0 || !isHan(text.charCodeAt(start + i))) return undefined;
    // At the end only a doubled last character (以人民为中心心): any other is the next word.
    if (i === m) return text.charCodeAt(start + m) === canon.charCodeAt(m - 1) ? { edit: 'insertion', at: m } : undefined;
    for (let j = i; j < m; j++) if (canon.charCodeAt(j) !== text.charCodeAt(start + j + 1)) return undefined;
    return { edit: 'insertion', at: i };
  }
  return undefined;
}

/** Finds canonical formulations and their near-variants in a text, in one Aho–Corasick pass. */
const LEFT_HALF = 1;
const RIGHT_HALF = 2;

export class FormulationMatcher {
  private readonly automaton: AhoCorasick;
  // Anchor hits run to hundreds of thousands over a folder and most fail at once, on a few characters
  // of the text: what that first test reads is in flat arrays, not behind a Use and a formulation
  // object each (pointer chasing was most of the scan's time).
  /** The uses of pattern p: uses[useStart[p]] … uses[useStart[p + 1] - 1], in the order they were added. */
  private readonly useStart: Int32Array;
  private readonly uses: Use[];
  /** For each use: LEFT_HALF, RIGHT_HALF or 0 (another role), and its formulation. */
  private readonly useHalf: Uint8Array;
  private readonly useForm: Int32Array;
  /** For each formulation: its length, first and last characters, and for nearNextHalf the two characters after its first half and the two before its second. */
  private readonly formLength: Int32Array;
  private readonly formFirst: Uint16Array;
  private readonly formLast: Uint16Array;
  /** Each formulation's second and last-but-one characters (for firstFits, lastFits). */
  private readonly formSecond: Uint16Array;
  private readonly formPenult: Uint16Array;
  private readonly afterHalf: Uint16Array;
  private readonly beforeHalf: Uint16Array;
  /** 1 for a formula long enough for a word dropped or replaced in it to be looked for. */
  private readonly wordEditable: Uint8Array;

  /**
   * @param forms canonical texts with, for an enumeration, its members (a formula's single-character
   *   edits need its first and last words: an edge character is substituted only inside a word).
   */
  constructor(readonly forms: readonly { phrase: string; kind: 'formula' | 'enumeration'; units: readonly string[]; named?: boolean }[]) {
    const byPattern = new Map<string, Use[]>();
    const add = (pattern: string, use: Use) => {
      const list = byPattern.get(pattern);
      if (list) list.push(use);
      else byPattern.set(pattern, [use]);
    };
    forms.forEach((f, form) => {
      const text = f.phrase;
      if (text.length >= MIN_FORMULA_CHARS) {
        const h = text.length >> 1;
        add(text.slice(0, h), { form, role: 'left' });
        add(text.slice(h), { form, role: 'right' });
        // The anchor ends (starts) with the two swapped characters: a bare common prefix (发展) would
        // be an anchor hit almost everywhere.
        const swapped = text[h] + text[h - 1];
        if (h - 1 >= 2) add(text.slice(0, h - 1) + swapped, { form, role: 'swap-left' });
        else if (text.length - h - 1 >= 2) add(swapped + text.slice(h + 1), { form, role: 'swap-right' });
        if (f.kind === 'formula' && text.length >= MIN_WORD_EDIT_FORMULA_CHARS) {
          const across = unitSpans(f).find(([s, e]) => s < h && h < e);
          if (across && across[0] >= MIN_SIDE_CHARS) add(text.slice(0, across[0]), { form, role: 'lead' });
        }
      }
      for (const [variant, at] of f.kind === 'formula' ? [...wordSwaps(f), ...conjunctSwaps(f), ...seriesOrders(f)] : memberSwaps(f.units)) add(variant, { form, role: 'words', gap: at });
      if (f.kind === 'enumeration') {
        for (const [variant, edit] of listVariants(f.units)) if (variant !== text) add(variant, { form, role: 'list', edit });
        if (f.units.length >= MIN_MEMBERS_FOR_ADDED) for (let gap = 1; gap <= f.units.length; gap++) add(f.units.slice(0, gap).join(SEPARATOR) + SEPARATOR, { form, role: 'head', gap });
      }
    });
    const patterns = [...byPattern.keys()];
    this.automaton = new AhoCorasick(patterns);
    this.uses = patterns.flatMap((p) => byPattern.get(p)!);
    this.useStart = new Int32Array(patterns.length + 1);
    patterns.forEach((p, i) => (this.useStart[i + 1] = this.useStart[i] + byPattern.get(p)!.length));
    this.useHalf = Uint8Array.from(this.uses, (u) => (u.role === 'left' ? LEFT_HALF : u.role === 'right' ? RIGHT_HALF : 0));
    this.useForm = Int32Array.from(this.uses, (u) => u.form);
    this.formLength = Int32Array.from(forms, (f) => f.phrase.length);
    this.formFirst = Uint16Array.from(forms, (f) => f.phrase.charCodeAt(0));
    this.formLast = Uint16Array.from(forms, (f) => f.phrase.charCodeAt(f.phrase.length - 1));
    this.formSecond = Uint16Array.from(forms, (f) => f.phrase.charCodeAt(1));
    this.formPenult = Uint16Array.from(forms, (f) => f.phrase.charCodeAt(f.phrase.length - 2));
    this.wordEditable = Uint8Array.from(forms, (f) => (f.kind === 'formula' && f.phrase.length >= MIN_WORD_EDIT_FORMULA_CHARS ? 1 : 0));
    // Two per formulation (only those with halves are read: four characters or more).
    this.afterHalf = new Uint16Array(2 * forms.length);
    this.beforeHalf = new Uint16Array(2 * forms.length);
    forms.forEach((f, form) => {
      const h = f.phrase.length >> 1;
      this.afterHalf[2 * form] = f.phrase.charCodeAt(h);
      this.afterHalf[2 * form + 1] = f.phrase.charCodeAt(h + 1);
      this.beforeHalf[2 * form] = f.phrase.charCodeAt(h - 1);
      this.beforeHalf[2 * form + 1] = f.phrase.charCodeAt(h - 2);
    });
  }

  /**
   * The canonical texts and their near-variants in `text[from, to)` that start and end on word
   * boundaries (`isBoundary(offset)`), in document order (what learning counts). A variant is left out
   * where a canonical text of another formulation on word boundaries covers its edit: 第二个百年奋斗目标
   * beside 第一个百年奋斗目标 is that formulation, not a slip.
   */
  scan(text: string, isBoundary: (offset: number) => boolean, from = 0, to = text.length): FormulationHit[] {
    const found = this.windows(text, isBoundary, from, to);
    const onWords = (h: FormulationHit) => isBoundary(h.start) && isBoundary(h.end);
    const exact = found.filter((h) => h.edit === 'exact' && onWords(h));
    const slips = found.filter((h) => h.edit !== 'exact' && onWords(h) && !exact.some((x) => x.form !== h.form && coversEdit(x, h, this.forms[h.form].phrase, text)));
    return [...exact, ...slips].sort(inDocumentOrder);
  }

  /**
   * Every window in `text[from, to)` that is a canonical text or one slip from it, on word boundaries
   * or not (`isBoundary` only ends a member added at the end of a list): a draft tests boundaries only
   * where a window would matter, since a word boundary may mean segmenting a clause.
   */
  windows(text: string, isBoundary: (offset: number) => boolean, from = 0, to = text.length): FormulationHit[] {
    // Plain state and methods, not closures made per call: a closure new on every call is a new call
    // target each time, and the optimised code of this loop is thrown away again and again.
    const scan: WindowScan = { text, from, to, isBoundary, seen: new Set(), found: [] };
    const anchors = this.automaton.matches(text, from, to);
    const anchorLength = this.automaton.patternLength;
    const { useStart, useHalf, useForm, formLength, formFirst, formLast, afterHalf, beforeHalf } = this;
    // The loop over anchor hits stays small: most hits are of a half and fail on a few characters.
    for (let k = 0; k < anchors.length; k += 2) {
      const mEnd = anchors[k + 1];
      const mStart = mEnd - anchorLength[anchors[k]];
      for (let u = useStart[anchors[k]], uEnd = useStart[anchors[k] + 1]; u < uEnd; u++) {
        if (!useHalf[u]) {
          this.otherUse(scan, this.uses[u], mStart, mEnd);
          continue;
        }
        const form = useForm[u];
        const left = useHalf[u] === LEFT_HALF;
        const len = formLength[form];
        // A word of two characters added between two of the formulation's words (以人民利益为中心):
        // the first half is followed (the second preceded) by the rest with the word in it.
        const wide = left ? mStart : mEnd - len - ADDED_WORD_CHARS;
        const wideEnd = wide + len + ADDED_WORD_CHARS;
        // Its first and last characters are the formulation's: most anchor hits fail here.
        if (wide >= 0 && wideEnd <= text.length && text.charCodeAt(wide) === formFirst[form] && text.charCodeAt(wideEnd - 1) === formLast[form]) {
          const at = addedWord(this.forms[form], text, wide);
          if (at >= 0) this.consider(scan, form, wide, wideEnd, 'insertion', at);
        }
        if (this.wordEditable[form]) {
          if (left) this.wordEdits(scan, form, mStart, undefined);
          else this.wordEdits(scan, form, 0, mEnd);
        }
        // The window starts at the first half or ends at the second; one edit leaves the other half.
        if (left ? nearNextHalf(text, mEnd, 1, afterHalf[2 * form], afterHalf[2 * form + 1]) : nearNextHalf(text, mStart - 1, -1, beforeHalf[2 * form], beforeHalf[2 * form + 1])) {
          this.halfWindows(scan, form, left, mStart, mEnd);
        }
      }
    }
    return scan.found;
  }

  /** The windows beside an intact half: as long as the canonical text, one shorter or one longer. */
  private halfWindows(scan: WindowScan, form: number, left: boolean, mStart: number, mEnd: number): void {
    const text = scan.text;
    const f = this.forms[form];
    const len = f.phrase.length;
    let n = len - 1;
    if (left && text.startsWith(f.phrase, mStart)) {
      // The canonical text itself, the common case: no shorter window from here is one slip from
      // it (a character missing inside would leave its last one out), a longer one only when the
      // last character is doubled.
      this.consider(scan, form, mStart, mStart + len, 'exact', -1);
      if (text.charCodeAt(mStart + len) !== this.formLast[form]) return;
      n = len + 1;
    }
    for (; n <= len + 1; n++) {
      const start = left ? mStart : mEnd - n;
      const end = start + n;
      if (start < 0 || end > text.length) continue;
      if (!(left ? this.lastFits(text, end, form, n === len) : this.firstFits(text, start, form, n === len))) continue;
      const found = singleEdit(f.phrase, text, start, end);
      if (found && (found.edit === 'exact' || isSlip(f, found.edit, found.at, text, start))) this.consider(scan, form, start, end, found.edit, found.at);
    }
  }

  /** An anchor hit of another role than a half: a list's head, a swapped or reordered text, a long formula's lead. */
  private otherUse(scan: WindowScan, use: Use, mStart: number, mEnd: number): void {
    const text = scan.text;
    const f = this.forms[use.form];
    switch (use.role) {
      case 'head': {
        const end = addedMember(f.units, use.gap!, text, mEnd, scan.to, scan.isBoundary);
        if (end > 0) this.consider(scan, use.form, mStart, end, 'added-member', -1);
        const replacedEnd = use.gap! < f.units.length - 1 ? replacedMember(f.units, use.gap!, text, mEnd, scan.to) : -1;
        if (replacedEnd > 0) this.consider(scan, use.form, mStart, replacedEnd, 'replaced-member', -1);
        return;
      }
      case 'words':
        this.consider(scan, use.form, mStart, mEnd, 'swap', use.gap!);
        return;
      case 'list':
        // A shorter list inside a longer one is that list's business (or an added member's).
        if (use.edit === 'missing-member' && (text[mStart - 1] === SEPARATOR || text[mEnd] === SEPARATOR || !judgesMissingMember(f))) return;
        this.consider(scan, use.form, mStart, mEnd, use.edit!, -1);
        return;
      case 'lead':
        this.wordEdits(scan, use.form, mStart, undefined);
        return;
      default: {
        // A swap around the middle ('swap-left' / 'swap-right').
        const len = f.phrase.length;
        const start = use.role === 'swap-left' ? mStart : mEnd - len;
        if (start >= 0 && singleEdit(f.phrase, text, start, start + len)?.edit === 'transposition') {
          this.consider(scan, use.form, start, start + len, 'transposition', (len >> 1) - 1);
        }
      }
    }
  }

  /**
   * singleEdit's quick necessary test at the end away from the anchor: a window ending at `end` ends
   * with the canonical text's last character, unless (as long as it) that one was substituted or
   * swapped with the one before — an edit at the edge never adds or drops a character.
   */
  private lastFits(text: string, end: number, form: number, sameLength: boolean): boolean {
    const last = this.formLast[form];
    if (text.charCodeAt(end - 1) === last) return true;
    const before = text.charCodeAt(end - 2);
    return sameLength && (before === this.formPenult[form] || before === last);
  }

  /** lastFits at the start of a window that ends at the anchor. */
  private firstFits(text: string, start: number, form: number, sameLength: boolean): boolean {
    const first = this.formFirst[form];
    if (text.charCodeAt(start) === first) return true;
    const after = text.charCodeAt(start + 1);
    return sameLength && (after === this.formSecond[form] || after === first);
  }

  /** Records a window once: (form, start, length) may be found from both halves. */
  private consider(scan: WindowScan, form: number, start: number, end: number, edit: FormulationEdit | 'exact', at: number): void {
    if (start < scan.from || end > scan.to) return;
    const key = (start * 4 + end - start - this.formLength[form] + 1) * this.forms.length + form;
    if (scan.seen.has(key)) return;
    scan.seen.add(key);
    scan.found.push({ form, start, end, edit, at });
  }

  /**
   * A word of two characters dropped from a long formulation (在以习近平为核心的党中央), or a word
   * replaced (an older wording: 基础性作用 for 决定性作用): the window that much shorter, or as long,
   * from where the intact part starts (`from`; after an intact second half: to where it ends, `to`).
   * Only for a word-editable formulation (a half's caller tests it; a lead exists only for those).
   */
  private wordEdits(scan: WindowScan, form: number, from: number, to: number | undefined): void {
    const f = this.forms[form];
    const len = f.phrase.length;
    const text = scan.text;
    const short = to === undefined ? from : to - len + DROPPED_WORD_CHARS;
    const at = short >= 0 ? droppedWord(f, text, short) : -1;
    if (at >= 0) this.consider(scan, form, short, short + len - DROPPED_WORD_CHARS, 'deletion', at);
    const start = to === undefined ? from : to - len;
    const span = start >= 0 ? replacedWord(f, text, start) : undefined;
    if (span) this.consider(scan, form, start, start + len, 'replaced-word', span[0]);
  }
}

/** What one `windows` call has found so far, and where it may look. */
interface WindowScan {
  text: string;
  from: number;
  to: number;
  isBoundary: (offset: number) => boolean;
  seen: Set<number>;
  found: FormulationHit[];
}

/** Hits by start, the longer first, then by formulation. */
function inDocumentOrder(a: FormulationHit, b: FormulationHit): number {
  return a.start - b.start || b.end - a.end || a.form - b.form;
}

/** Length of a word added inside a formulation (以人民利益为中心). */
const ADDED_WORD_CHARS = 2;

/**
 * Where a word of ADDED_WORD_CHARS Han characters was added to the formulation in the window of
 * that many more characters at `start`: between two of its words (a word's own edge, or the halves of
 * a four-character word: 集中优势力量办大事), neither of
 * the added characters grammatical (以人民的群众 is grammar); -1 when the window is no such thing.
 * Only formulations longer than MIN_FORMULA_CHARS.
 */
function addedWord(f: { phrase: string; units: readonly string[] }, text: string, start: number): number {
  const canon = f.phrase;
  const m = canon.length;
  if (m <= MIN_FORMULA_CHARS) return -1;
  let i = 0;
  while (i < m && canon.charCodeAt(i) === text.charCodeAt(start + i)) i++;
  if (i === 0 || i === m || !(wordEdge(f, i) || halfEdge(f, i))) return -1;
  for (let k = 0; k < ADDED_WORD_CHARS; k++) {
    const c = text[start + i + k];
    if (!isHan(c.charCodeAt(0)) || GRAMMATICAL.has(c)) return -1;
  }
  for (let j = i; j < m; j++) if (canon.charCodeAt(j) !== text.charCodeAt(start + j + ADDED_WORD_CHARS)) return -1;
  return i;
}

/** Length of a word dropped from a formulation (习近平新时代中国社会主义思想). */
const DROPPED_WORD_CHARS = 2;
/**
 * Shortest formulation a word dropped or replaced is looked for in: in a shorter one the rest is an
 * ordinary phrase of its own (做好防控工作, 中华传统文化), another word another phrase; a long one the
 * rest still names.
 */
const MIN_WORD_EDIT_FORMULA_CHARS = 10;

/**
 * Where a word of DROPPED_WORD_CHARS Han characters was dropped from a formula in the window of
 * that many fewer characters at `start`: a word of that length, or a half of a four-character word
 * (小康社会 → 小康), inside the formula (not at its edges), neither character grammatical; -1 when
 * the window is no such thing.
 */
function droppedWord(f: { phrase: string; kind: 'formula' | 'enumeration'; units: readonly string[] }, text: string, start: number): number {
  if (f.kind !== 'formula') return -1;
  const canon = f.phrase;
  const m = canon.length;
  const n = m - DROPPED_WORD_CHARS;
  // Its first and last characters are the formulation's: most anchor hits fail here.
  if (start + n > text.length || text.charCodeAt(start) !== canon.charCodeAt(0) || text.charCodeAt(start + n - 1) !== canon.charCodeAt(m - 1)) return -1;
  const window = text.slice(start, start + n);
  let i = 0;
  while (i < n && canon.charCodeAt(i) === window.charCodeAt(i)) i++;
  if (i === 0 || i >= n) return -1;
  // The first place the window differs ends the dropped characters' first reading; a repeated
  // character gives earlier readings (社会|会议): the one on a word counts.
  for (let at = i; at >= 1 && at + DROPPED_WORD_CHARS < m; at--) {
    if (canon.slice(at + DROPPED_WORD_CHARS) !== window.slice(at)) break;
    if (droppableAt(f, at)) return at;
  }
  return -1;
}

/** A word of DROPPED_WORD_CHARS characters, or a half of a four-character word, starts at `at`; its characters are content. */
function droppableAt(f: { phrase: string; units: readonly string[] }, at: number): boolean {
  const [s, e] = wordAt(f, at);
  const whole = s === at && e - s === DROPPED_WORD_CHARS;
  const half = e - s === 2 * DROPPED_WORD_CHARS && (at === s || at === s + DROPPED_WORD_CHARS);
  if (!whole && !half) return false;
  for (let k = at; k < at + DROPPED_WORD_CHARS; k++) if (!isHan(f.phrase.charCodeAt(k)) || GRAMMATICAL.has(f.phrase[k])) return false;
  return true;
}


/**
 * The part of a formula replaced in the window of its length at `start`, the rest intact: two
 * neighbouring characters of one word both replaced (共享 → 分享, 决定性 → 基础性), or a whole word of
 * three or four characters with two characters or more of it (制度自信 → 历史自信); inside the formula
 * (not at its edges), the new characters Han and not grammatical. [start, end) in the formula, or
 * undefined when the window is no such thing.
 */
function replacedWord(f: { phrase: string; kind: 'formula' | 'enumeration'; units: readonly string[] }, text: string, start: number): [number, number] | undefined {
  if (f.kind !== 'formula') return undefined;
  const canon = f.phrase;
  const m = canon.length;
  if (start + m > text.length || text.charCodeAt(start) !== canon.charCodeAt(0) || text.charCodeAt(start + m - 1) !== canon.charCodeAt(m - 1)) return undefined;
  let i = 0;
  while (i < m && canon.charCodeAt(i) === text.charCodeAt(start + i)) i++;
  let j = m;
  while (j > i && canon.charCodeAt(j - 1) === text.charCodeAt(start + j - 1)) j--;
  if (j - i < REPLACED_WORD_CHARS) return undefined;
  const [s, e] = wordAt(f, i);
  const span: [number, number] | undefined = j - i === REPLACED_WORD_CHARS && canon[i + 1] !== text[start + i + 1] ? [i, j] : j <= e && e - s > REPLACED_WORD_CHARS && e - s <= MAX_REPLACED_WORD_CHARS ? [s, e] : undefined;
  if (!span || !replaceable(f, span[0], span[1])) return undefined;
  for (let k = span[0]; k < span[1]; k++) {
    const c = text[start + k];
    if (!isHan(c.charCodeAt(0)) || GRAMMATICAL.has(c)) return undefined;
  }
  return span;
}

/** Characters of a replaced part of a word; a whole word replaced has up to MAX_REPLACED_WORD_CHARS. */
const REPLACED_WORD_CHARS = 2;
const MAX_REPLACED_WORD_CHARS = 4;

/** [at, end) is a part of a formula whose replacement is judged: inside it, within one word (its whole, or two characters of a longer one), all content. */
function replaceable(f: { phrase: string; units: readonly string[] }, at: number, end: number): boolean {
  const [s, e] = wordAt(f, at);
  if (at < 1 || end > f.phrase.length - 1 || end > e) return false;
  // A whole word replaced leaves the rest to name the formula: twice as long as the word at least
  // (中国特色|人权发展|道路 is another road, not a slip of 中国特色社会主义道路).
  if (end - at !== REPLACED_WORD_CHARS && !(at === s && end === e && e - s <= MAX_REPLACED_WORD_CHARS && f.phrase.length >= 3 * (e - s))) return false;
  for (let k = at; k < end; k++) if (!isHan(f.phrase.charCodeAt(k)) || GRAMMATICAL.has(f.phrase[k])) return false;
  return true;
}

/** The parts of a formula whose replacement is judged (see `replaceable`), as [start, end) pairs. */
function replaceableSpans(f: { phrase: string; units: readonly string[] }): [number, number][] {
  const out: [number, number][] = [];
  for (const [s, e] of unitSpans({ ...f, kind: 'formula' })) {
    for (let at = s; at + REPLACED_WORD_CHARS <= e; at++) if (replaceable(f, at, at + REPLACED_WORD_CHARS)) out.push([at, at + REPLACED_WORD_CHARS]);
    if (e - s > REPLACED_WORD_CHARS && replaceable(f, s, e)) out.push([s, e]);
  }
  return out;
}

/** Characters that change a phrase's grammar, not its wording, when added or dropped between its words. */
const GRAMMATICAL = new Set([...'的地得之和与及或并了着过在是对把被等也都就而又']);
/**
 * Conjunctions joining a formulation's two halves (治理体系和治理能力): one for another is a change of
 * its wording when the halves are phrases of their own (a formulation this long); in a short one it
 * is the writer's choice (国家与地区).
 */
const CONJUNCTIONS = new Set([...'和与及同']);
const MIN_CONJOINED_CHARS = 8;
const NUMERALS = new Set([...'〇零一二两三四五六七八九十百千万亿第']);

/**
 * A quick test before comparing windows: with at most one edit in the other half, its first
 * character beside the anchor (its last, before a right half) is at the next position or one
 * further, or the next position holds the character after it. Most anchor hits (a common first
 * half like 发展) fail here. `a`, `b`: the other half's first two characters (its last two, going
 * back); `at`: the position beside the anchor, `step` the direction away from it.
 */
function nearNextHalf(text: string, at: number, step: 1 | -1, a: number, b: number): boolean {
  const x = text.charCodeAt(at);
  const y = text.charCodeAt(at + step);
  return x === a || x === b || y === a || y === b;
}

/**
 * Whether a single-character edit is a slip of the formulation's wording rather than a writer
 * changing the phrase on purpose:
 * - a substitution inside a word (以人民为核心), or of a one-character word by one that sounds
 *   the same (以人民未中心); another one-character word is another phrase (不忘初心, 不负初心), and so
 *   is 在|疫情防控 beside 为|疫情防控; never one numeral for another (第一个 and 第二个百年奋斗目标
 *   are two goals), nor a grammatical character (完善党的领导) other than a conjunction for another
 *   (疫情防控与经济社会发展: the archive counts it, and only a well-used formulation judges it);
 * - an insertion inside a word (命运共同同体) or doubling a neighbour (伟大大复兴); one between words
 *   adds a word (高质量的发展, 全国一盘大棋);
 * - a deletion inside a word (中华民族伟复兴) or of a one-character word that is not grammatical
 *   (以人民中心); dropping 的 or 和 between words is grammar (各级党委政府).
 * Swaps, and an enumeration's list-level edits, are always slips.
 */
function isSlip(f: { phrase: string; kind: 'formula' | 'enumeration'; units: readonly string[]; named?: boolean }, edit: FormulationEdit, at: number, text: string, start: number): boolean {
  const canon = f.phrase;
  switch (edit) {
    case 'substitution': {
      const to = text[start + at];
      if (NUMERALS.has(canon[at]) && NUMERALS.has(to)) return false;
      // 的 or 与 in place of a character, or in place of 的, rebuilds the phrase's grammar (完善党的领导,
      // 初心与使命, 坚持党委领导); only a homophone is a slip there (治理体系合治理能力).
      if (CONJUNCTIONS.has(canon[at]) && CONJUNCTIONS.has(to)) return canon.length >= MIN_CONJOINED_CHARS;
      if (GRAMMATICAL.has(to) || (GRAMMATICAL.has(canon[at]) && !soundsAlike(canon[at], to))) return false;
      // A word of one character replaced is another word (不忘初心, 不负初心), unless it sounds the same
      // (以人民未中心) or the formulation is long enough that the rest names it (集中力量抓大事).
      const [s, e] = wordAt(f, at);
      return e - s >= 2 || canon.length >= MIN_NAMED_BY_REST_CHARS || soundsAlike(canon[at], to);
    }
    case 'insertion': {
      // Four characters and one more or one fewer is too short to tell a slip from another phrase (风清气正, 风气正).
      if (canon.length <= MIN_FORMULA_CHARS) return false;
      // A name is fixed to the character: nothing goes inside it, not even 也 (whether the formulation
      // is sure enough to judge that in a draft is `unsure`'s business).
      if (f.named) return true;
      const c = text[start + at];
      // Even inside what jieba keeps as one word (经济社会 → 经济和社会).
      if (GRAMMATICAL.has(c)) return false;
      return !wordEdge(f, at) || c === canon[at - 1] || c === canon[at];
    }
    case 'deletion': {
      if (canon.length <= MIN_FORMULA_CHARS) return false;
      // A list's member is words: 的 dropped inside one is grammar (防控的人民战争 → 防控人民战争).
      if (f.kind === 'enumeration' && GRAMMATICAL.has(canon[at])) return false;
      const [s, e] = wordAt(f, at);
      return e - s >= 2 || !GRAMMATICAL.has(canon[at]);
    }
    default:
      return true;
  }
}

/** `at` splits a four-character word into its halves (生命|安全): a word added there is added between two. */
function halfEdge(f: { phrase: string; units: readonly string[] }, at: number): boolean {
  const [s, e] = wordAt(f, at);
  return e - s === 4 && at === s + 2;
}

/** A word (or member) starts at `at`. */
function wordEdge(f: { phrase: string; units: readonly string[] }, at: number): boolean {
  let p = 0;
  for (const u of f.units) {
    if (p === at) return true;
    p += u.length + (f.phrase[p + u.length] === SEPARATOR ? 1 : 0);
  }
  return p === at;
}

/** [start, end) of the word (or member) holding character `at`. */
function wordAt(f: { phrase: string; units: readonly string[] }, at: number): [number, number] {
  let p = 0;
  for (const u of f.units) {
    if (at < p + u.length) return at >= p ? [p, p + u.length] : [at, at + 1];
    p += u.length + (f.phrase[p + u.length] === SEPARATOR ? 1 : 0);
  }
  return [at, at + 1];
}

/** The exact occurrence `x` covers the edited part of `h` (or all of `h`, for a list-level edit). */
function coversEdit(x: FormulationHit, h: FormulationHit, canon: string, text: string): boolean {
  if (h.at < 0) return x.start <= h.start && h.end <= x.end;
  const offset = h.start + h.at;
  // An insertion or substitution edits the character at `offset`; a deletion, the characters beside
  // it; a swap, everything from `offset` to the last character it moved (治理能力和治理体系: an exact
  // 国家治理能力 over its first half leaves the swap a slip).
  let to = offset + 1;
  if (h.edit === 'transposition' || h.edit === 'deletion' || h.edit === 'replaced-word') to = offset + 2;
  else if (h.edit === 'swap') {
    to = h.end;
    while (to > offset && text.charCodeAt(to - 1) === canon.charCodeAt(to - h.start - 1)) to--;
  }
  const from = h.edit === 'deletion' ? offset - 1 : offset;
  return x.start <= from && to <= x.end && x.end - x.start >= Math.min(canon.length, MIN_FORMULA_CHARS);
}

/**
 * Where the list ends when a member was added at `gap` (after the members before it, which end at
 * `from`): a short Han item, a 、, then the remaining members. At the end of the list (gap = number
 * of members) only an item built like every member counts (获得感、幸福感、安全感、满足感), cut where
 * a word ends: writers extend lists freely (不忘初心、牢记使命、永远奋斗). -1 when it is not such a list.
 */
function addedMember(members: readonly string[], gap: number, text: string, from: number, to: number, isBoundary: (offset: number) => boolean): number {
  let p = from;
  while (p < to && p - from < MAX_ADDED_MEMBER && isHan(text.charCodeAt(p)) && !JOINERS.has(text[p])) p++;
  if (gap < members.length) {
    const item = text.slice(from, p);
    const rest = SEPARATOR + members.slice(gap).join(SEPARATOR);
    if (item.length < 2 || members.includes(item) || !text.startsWith(rest, p) || text[p + rest.length] === SEPARATOR) return -1;
    return p + rest.length;
  }
  if (text[p] === SEPARATOR) return -1;
  for (let end = from + 2; end <= p; end++) {
    const item = text.slice(from, end);
    if (!isBoundary(end) || members.includes(item)) continue;
    const all = [...members, item];
    if (new Set(all.map((m) => m[0])).size === 1 || new Set(all.map((m) => m[m.length - 1])).size === 1) return end;
  }
  return -1;
}

/**
 * Where the list ends when its member `gap`, neither the first nor the last, was replaced by another
 * (道路自信、理论自信、历史自信、文化自信), the members before it ending at `from`: a short Han item,
 * not a member, more than one character away from the one it replaces (one is a character slip), then
 * the remaining members. -1 when it is not such a list. The last member replaced is a new list as often
 * (系统性、整体性、…性): the writer's.
 */
function replacedMember(members: readonly string[], gap: number, text: string, from: number, to: number): number {
  let p = from;
  while (p < to && p - from < MAX_ADDED_MEMBER && isHan(text.charCodeAt(p)) && !JOINERS.has(text[p])) p++;
  const item = text.slice(from, p);
  const rest = SEPARATOR + members.slice(gap + 1).join(SEPARATOR);
  if (item.length < 2 || members.includes(item) || singleEdit(members[gap], item, 0, item.length)) return -1;
  return text.startsWith(rest, p) && text[p + rest.length] !== SEPARATOR ? p + rest.length : -1;
}

/**
 * A formula with the halves of one of its four-character words swapped (统一集中领导, 集中统一 being
 * one word): each variant text and where the word starts. Two words swapped are
 * often the writer's grammar (防控疫情工作, 传统优秀文化); a word's halves are not.
 */
function wordSwaps(f: { phrase: string; units: readonly string[] }): [string, number][] {
  const out: [string, number][] = [];
  let p = 0;
  for (const u of f.units) {
    const a = u.slice(0, 2);
    const b = u.slice(2);
    if (u.length === 4 && a !== b && [...u].every((c) => isHan(c.charCodeAt(0)))) out.push([f.phrase.slice(0, p) + b + a + f.phrase.slice(p + 4), p]);
    p += u.length;
  }
  return out;
}

/** Words a conjunct of a formula may hold (新一轮|科技|革命|和|产业|变革: two on each side). */
const MAX_CONJUNCT_WORDS = 2;

/**
 * A formula with the two sides of a conjunction swapped (科技革命和产业变革 → 产业变革和科技革命):
 * each variant text and where the swapped part starts. A side is the one or two words beside the
 * conjunction, each side two characters or more, all Han; the formula MIN_CONJOINED_CHARS long.
 */
function conjunctSwaps(f: { phrase: string; units: readonly string[] }): [string, number][] {
  const out: [string, number][] = [];
  // A short one is the writer's order (完善和发展, 发展和完善).
  if (f.phrase.length < MIN_CONJOINED_CHARS) return out;
  const starts: number[] = [];
  let p = 0;
  for (const u of f.units) {
    starts.push(p);
    p += u.length;
  }
  if (p !== f.phrase.length) return out;
  f.units.forEach((u, c) => {
    if (u.length !== 1 || !CONJUNCTIONS.has(u)) return;
    for (let a = 1; a <= MAX_CONJUNCT_WORDS && c - a >= 0; a++) {
      for (let b = 1; b <= MAX_CONJUNCT_WORDS && c + b < f.units.length; b++) {
        const from = starts[c - a];
        const to = starts[c + b] + f.units[c + b].length;
        const left = f.phrase.slice(from, starts[c]);
        const right = f.phrase.slice(starts[c] + 1, to);
        if (left.length < 2 || right.length < 2 || left === right || ![...left + right].every((x) => isHan(x.charCodeAt(0)))) continue;
        const text = f.phrase.slice(0, from) + right + u + left + f.phrase.slice(to);
        if (!out.some(([t]) => t === text)) out.push([text, from]);
      }
    }
  });
  return out;
}

/**
 * A formula that is a closed series written without separators (共建|共治|共享: three words or more,
 * all of two characters or more and as long, sharing their first or last character) with its words
 * reordered: each variant text and where the first moved word starts. Such a series is a list, and
 * its order is the formulation's as much as a list's.
 */
function seriesOrders(f: { phrase: string; units: readonly string[] }): [string, number][] {
  const u = f.units;
  if (u.length < 3 || u.join('') !== f.phrase || !u.every((w) => w.length >= 2 && w.length === u[0].length && [...w].every((c) => isHan(c.charCodeAt(0))))) return [];
  if (new Set(u.map((w) => w[0])).size !== 1 && new Set(u.map((w) => w[w.length - 1])).size !== 1) return [];
  const out: [string, number][] = [];
  for (const [text] of listVariants(u)) {
    if (text.split(SEPARATOR).length !== u.length) continue;
    const joined = text.split(SEPARATOR).join('');
    let at = 0;
    while (joined[at] === f.phrase[at]) at++;
    if (!out.some(([t]) => t === joined)) out.push([joined, at - (at % u[0].length)]);
  }
  return out;
}

/**
 * A list with the heads of two neighbouring members swapped (转变发展方式、优化经济结构 → 优化发展方式、
 * 转变经济结构): each variant text and where the first of the two members starts. Heads and tails
 * of two characters or more; the members it makes are none of the list's.
 */
function memberSwaps(members: readonly string[]): [string, number][] {
  const out: [string, number][] = [];
  let p = 0;
  for (let i = 0; i + 1 < members.length; i++) {
    const [a, b] = [members[i], members[i + 1]];
    for (let k = 2; k + 2 <= Math.min(a.length, b.length); k++) {
      const [x, y] = [b.slice(0, k) + a.slice(k), a.slice(0, k) + b.slice(k)];
      if (x === a || x === b || members.includes(x) || members.includes(y)) continue;
      const text = [...members.slice(0, i), x, y, ...members.slice(i + 2)].join(SEPARATOR);
      if (!out.some(([t]) => t === text)) out.push([text, p]);
    }
    p += a.length + SEPARATOR.length;
  }
  return out;
}

/**
 * The list-level variants of an enumeration's members: reordered, or one left out. Separators are
 * the writer's (获得感幸福感安全感, 不忘初心，牢记使命): the archive itself varies them.
 */
export function listVariants(members: readonly string[]): [string, FormulationEdit][] {
  const out: [string, FormulationEdit][] = [];
  if (members.length < 2) return out;
  const orders = members.length <= MAX_PERMUTED_MEMBERS ? permutations(members.length) : neighbourSwaps(members.length);
  for (const order of orders) if (order.some((v, i) => v !== i)) out.push([order.map((i) => members[i]).join(SEPARATOR), 'order']);
  if (members.length >= 3) for (let i = 0; i < members.length; i++) out.push([members.filter((_, j) => j !== i).join(SEPARATOR), 'missing-member']);
  // Lists whose members repeat (抓实、抓细) could map one text to two edits: keep the first.
  const seen = new Set<string>();
  return out.filter(([t]) => !seen.has(t) && !!seen.add(t));
}

function permutations(n: number): number[][] {
  if (n === 1) return [[0]];
  const out: number[][] = [];
  for (const rest of permutations(n - 1)) for (let i = 0; i <= rest.length; i++) out.push([...rest.slice(0, i), n - 1, ...rest.slice(i)]);
  return out;
}

function neighbourSwaps(n: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i + 1 < n; i++) {
    const order = Array.from({ length: n }, (_, j) => j);
    [order[i], order[i + 1]] = [order[i + 1], order[i]];
    out.push(order);
  }
  return out;
}

// ---- learning ----

/**
 * A canonical text used in fewer articles says too little about how fixed it is: published text
 * varies phrases of a few uses (形势依然严峻复杂, 形势仍然严峻复杂) more often than a draft slips.
 */
const MIN_CANONICAL_ARTICLES = 10;
/**
 * …but some shapes are fixed by what they are, and a few articles that always write them the same
 * way (dominance, below) are enough (three; five for a long formula): a name the archive quotes (“四个意识”, “两个维护”); a closed
 * series (早发现、早报告、早隔离、早治疗: three members or more sharing their first or last
 * character) or a list of members of four characters or more, all as long (坚定信心、同舟共济、科学防治、
 * 精准施策; a pair sharing a first or last character: 亲自指挥、亲自部署); a long
 * formula of three content words or more, none of one character but a noun (人与自然和谐共生, 创新
 * 驱动发展战略, 武汉|火神|山|医院). A long string with a function word or a verb's complement in it
 * is a piece of a sentence the archive repeats (形势依然严峻复杂, 疫情防控是一项系统工程, 构筑起疫情
 * 防控), which another article words otherwise.
 */
const MIN_FIXED_ARTICLES = 3;
/** A closed series in this many articles is sure enough for its members left out or a pair swapped (see unsure). */
const MIN_SERIES_ARTICLES = 5;
const MIN_LONG_FORMULA_CHARS = 6;
/** A long formula needs a few more: in three or four articles, too many are a sentence's repeated piece (国际社会普遍认为). */
const MIN_LONG_FORMULA_ARTICLES = 5;
const MIN_FIXED_WORD_CHARS = 3;
/** A long formula whose content words are joined by these (one at a time) is fixed by its shape too, from this length and this many content words. */
const JOINING_WORDS = new Set(['的', '和', '与']);
const MIN_JOINED_FORMULA_CHARS = 12;
const MIN_JOINED_CONTENT_WORDS = 4;
/** jieba tags of content words: nouns, verbs, adjectives, idioms, abbreviations, distinguishing words. */
const CONTENT_TAG = /^(n|v|a|i|l|j|b)/;
const NOUN_TAG = /^(n|vn|an|j)$/;
/** Quoted in this many articles, a name is offered as a formulation (the phrase miner's quotations need two). */
const MIN_QUOTED_ARTICLES = 3;
const MAX_NAME_CHARS = 12;

function minArticles(f: FormulationCandidate): number {
  if (f.named || (f.kind === 'enumeration' && fixedShape(f))) return MIN_FIXED_ARTICLES;
  return fixedShape(f) ? MIN_LONG_FORMULA_ARTICLES : MIN_CANONICAL_ARTICLES;
}

function fixedShape(f: FormulationCandidate): boolean {
  if (f.kind === 'formula') {
    const content = (j: number) => CONTENT_TAG.test(f.tags?.[j] ?? '') && (f.units[j].length >= 2 || NOUN_TAG.test(f.tags?.[j] ?? ''));
    if (f.units.length >= 3 && f.phrase.length >= MIN_LONG_FORMULA_CHARS && f.units.every((_, j) => content(j))) return true;
    // A longer one may join its content words with 的 or 和 (领导的|多党合作|和|政治协商), one at a time, inside.
    const n = f.units.length;
    const joiner = (j: number) => j > 0 && j < n - 1 && JOINING_WORDS.has(f.units[j]) && !JOINING_WORDS.has(f.units[j - 1]);
    return f.phrase.length >= MIN_JOINED_FORMULA_CHARS && f.units.filter((_, j) => content(j)).length >= MIN_JOINED_CONTENT_WORDS && f.units.every((_, j) => content(j) || joiner(j));
  }
  if (closedSeries(f)) return true;
  const m = f.units;
  // A pair must share a first or last character too: two four-character cuts of a clause are no pair
  // (世界和平、促进共同). Four short members or more, all as long, are a list by themselves (富强、民主、文明、和谐).
  const even = m.every((x) => x.length === m[0].length);
  return even && (m.length >= 4 || (m[0].length >= 4 && (m.length >= 3 || m[0][0] === m[1][0] || m[0].at(-1) === m[1].at(-1))));
}

/** Three members or more, all sharing their first or their last character. */
function closedSeries(f: { kind: 'formula' | 'enumeration'; units: readonly string[] }): boolean {
  if (f.kind !== 'enumeration' || f.units.length < 3) return false;
  return new Set(f.units.map((m) => m[0])).size === 1 || new Set(f.units.map((m) => m[m.length - 1])).size === 1;
}

/**
 * Names the archive quotes in MIN_QUOTED_ARTICLES articles or more: a whole “…” of 4–12 Han
 * characters (“两个维护”, “五位一体”, “绿水青山就是金山银山”), with its words. Counting frames cannot
 * tell they are fixed (两个 and 维护 each go with anything); the quotation marks say so.
 */
function quotedNames(stream: PhraseStream, vocab: Vocabulary): FormulationCandidate[] {
  const byText = new Map<string, FormulationCandidate & { last: number }>();
  stream.articles.forEach((article, a) => {
    const t = article.tokens;
    for (let p = 0; p < t.length; p++) {
      if (!vocab.openQuote[t[p]]) continue;
      let q = p + 1;
      let chars = 0;
      while (q < t.length && vocab.han[t[q]] && chars <= MAX_NAME_CHARS) chars += vocab.units[t[q++]];
      if (q >= t.length || !vocab.closeQuote[t[q]] || chars < MIN_FORMULA_CHARS || chars > MAX_NAME_CHARS) continue;
      const words = Array.from(t.subarray(p + 1, q));
      const phrase = words.map((w) => vocab.words[w]).join('');
      let c = byText.get(phrase);
      if (!c) byText.set(phrase, (c = { phrase, kind: 'formula', units: words.map((w) => vocab.words[w]), tags: words.map((w) => vocab.tags[w]), articles: 0, named: true, last: -1 }));
      if (c.last !== a) {
        c.last = a;
        c.articles!++;
      }
    }
  });
  return [...byText.values()].filter((c) => c.articles! >= MIN_QUOTED_ARTICLES).map(({ last: _, ...c }) => c);
}

/** The canonical text's share of the articles using it or a variant: below this it is not fixed. */
const MIN_DOMINANCE = 0.8;
/** A variant in this many articles is the archive's own usage: tolerated. */
export const TOLERATED_ARTICLES = 2;
/** Distinct variants in one word (or gap) make it an open slot, the archive filling it freely. */
const OPEN_SLOT_VARIANTS = 2;
const MAX_EXAMPLES = 3;
const MAX_VARIANT_EXAMPLES = 2;
/** Variants kept per formulation (most used first): the evidence a hover shows. A fixed formulation has few. */
const MAX_VARIANTS = 16;

interface Tally {
  count: number;
  articles: number;
  last: number;
  examples: ExampleRef[];
}

interface VariantTally extends Tally {
  edit: FormulationEdit;
  at: number;
}

function tally(t: Tally, article: number, example: () => ExampleRef, maxExamples: number): void {
  t.count++;
  if (t.last !== article) {
    t.last = article;
    t.articles++;
    if (t.examples.length < maxExamples) t.examples.push(example());
  }
}

/**
 * The formulations of a corpus: the candidates (table phrases) whose canonical text the stream uses
 * in MIN_CANONICAL_ARTICLES articles or more and that dominates its variants, each with the
 * variants seen and the slots the archive fills freely.
 */
export function mineFormulations(stream: PhraseStream, vocab: Vocabulary, candidates: readonly FormulationCandidate[]): Formulation[] {
  // One text may come as two cuts (新冠肺炎|疫情, 新冠|肺炎|疫情): the first offered is kept; a name
  // the archive quotes is offered as one, whatever the miner made of it.
  const named = quotedNames(stream, vocab);
  const texts = new Set<string>(named.map((c) => c.phrase));
  const offered = [...named, ...candidates].filter((c) => (c.articles ?? Infinity) >= minArticles(c) && (c.kind === 'enumeration' || usableFormula(c)) && (c.named || (!texts.has(c.phrase) && !!texts.add(c.phrase))));
  // A formula whose every word the archive fills freely (or names) is no fixed wording: it is not
  // scanned, unless a word of three characters or more holds it (坚持|实事求是, 全面|依法治国: a slip
  // inside that word is one whatever stands beside it, a name too).
  const { any: shares, kind: kindShares } = slotShares(stream, vocab, offered);
  const frozen = (i: number) => {
    const f = offered[i];
    return f.kind === 'enumeration' || f.named || f.units.some((u, j) => u.length >= MIN_FIXED_WORD_CHARS || (!NAME_TAGS.has(f.tags?.[j] ?? '') && (shares[i]?.[j] ?? 0) >= FROZEN_SLOT_SHARE));
  };
  const kept = offered.map((_, i) => i).filter(frozen);
  const coreShares = withCoreShares(stream, vocab, offered, shares, kept);
  const forms = kept.map((i) => offered[i]);
  const matcher = new FormulationMatcher(forms);
  const evidence = new WordEvidence(forms);
  const canonical: Tally[] = forms.map(() => ({ count: 0, articles: 0, last: -1, examples: [] }));
  const variants: Map<string, VariantTally>[] = forms.map(() => new Map());

  let boundary = new Uint8Array(0);
  const isBoundary = (offset: number) => boundary[offset] === 1;
  stream.articles.forEach((article, a) => {
    const { text, starts } = articleText(article.tokens, vocab);
    if (!text) return;
    if (boundary.length <= text.length) boundary = new Uint8Array(2 * text.length + 2);
    boundary.fill(0, 0, text.length + 1);
    for (let i = 0; i < starts.length; i++) boundary[starts[i]] = 1;
    const example = (start: number) => () => ({ headline: article.headline, file: article.file, offset: article.offsets[partitionPoint(starts.length, (i) => starts[i] < start)] });
    evidence.count(text);
    for (const hit of matcher.scan(text, isBoundary)) {
      if (hit.edit === 'exact') {
        tally(canonical[hit.form], a, example(hit.start), MAX_EXAMPLES);
        continue;
      }
      const variant = text.slice(hit.start, hit.end);
      let v = variants[hit.form].get(variant);
      if (!v) variants[hit.form].set(variant, (v = { count: 0, articles: 0, last: -1, examples: [], edit: hit.edit, at: hit.at }));
      tally(v, a, example(hit.start), MAX_VARIANT_EXAMPLES);
    }
  });

  const out: Formulation[] = [];
  forms.forEach((f, i) => {
    const c = canonical[i];
    if (c.articles < minArticles(f)) return;
    const seen = [...variants[i]].map(([text, v]) => ({ text, ...v }));
    // A word added (推动经济高质量发展), dropped or replaced is another phrase as often as a slip: no
    // evidence against the wording. So are two of a series of three (a shorter list) and a member
    // replaced (another list); these count towards no open slot either.
    const dropped = (v: { text: string; edit: FormulationEdit }) => v.edit === 'deletion' && v.text.length === f.phrase.length - DROPPED_WORD_CHARS;
    const otherPhrase = (v: { text: string; edit: FormulationEdit }) =>
      dropped(v) || v.edit === 'replaced-word' || v.edit === 'replaced-member' || (v.edit === 'missing-member' && f.units.length < MIN_MEMBERS_FOR_MISSING);
    const open = openSlots(f, seen.filter((v) => !otherPhrase(v)), f.named ? undefined : kindShares[kept[i]]);
    // A word whose slot the archive's frames show it fills freely with words of its kind (人民|人们|
    // 农民对美好生活的向往) is no evidence against the rest's wording.
    const spans = unitSpans(f);
    const freeWords = kindShares[kept[i]];
    const inOpenWord = (v: { edit: FormulationEdit; at: number }) => {
      const [s, e] = slotOf(spans, v.edit, v.at);
      const j = spans.findIndex(([a, b]) => a === s && b === e);
      // Inside a word of three characters or more an edit is a slip however open the slot (see isOpen).
      return !f.named && j >= 0 && e - s < 3 && !!freeWords && freeWords[j] < FROZEN_SLOT_SHARE;
    };
    const variantArticles = seen.reduce((sum, v) => sum + (v.text.length === f.phrase.length + ADDED_WORD_CHARS || otherPhrase(v) || inOpenWord(v) ? 0 : v.articles), 0);
    // An article writing both forms counts for both. A quoted name is fixed by its quotation marks:
    // its variants are other phrases (四个全面, 四个方面), tolerated when the archive writes them.
    if (!f.named && c.articles < MIN_DOMINANCE * (c.articles + variantArticles)) return;
    seen.sort((x, y) => y.articles - x.articles || y.count - x.count || (x.text < y.text ? -1 : 1));
    const loose = looseSlots(f, open, coreShares[kept[i]]);
    // A word added is judged only in a well-used formulation without free slots (see unsure): elsewhere its record is dead weight.
    const judgesAddedWords = f.kind === 'formula' && c.articles >= ADDED_WORD_ARTICLES && !open.length && !loose.length;
    const judged = (v: { text: string; edit: FormulationEdit }) =>
      v.edit === 'insertion' && v.text.length === f.phrase.length + ADDED_WORD_CHARS
        ? judgesAddedWords
        : v.edit === 'replaced-word'
          ? judgesReplacedWords({ ...f, articles: c.articles })
          : dropped(v)
            ? judgesDroppedWords({ ...f, articles: c.articles })
            : true;
    const recorded = seen.filter(judged);
    out.push({
      phrase: f.phrase,
      kind: f.kind,
      units: f.units.slice(),
      articles: c.articles,
      count: c.count,
      // One example is evidence enough for a formulation of a few articles, and keeps the profile small.
      examples: c.articles < MIN_CANONICAL_ARTICLES ? c.examples.slice(0, 1) : c.examples,
      variants: recorded.slice(0, MAX_VARIANTS).map((v) => ({ text: v.text, edit: v.edit, articles: v.articles, count: v.count, examples: v.examples })),
      open,
      ...(loose.length ? { loose } : {}),
      ...(judgesDroppedWords({ ...f, articles: c.articles }) && evidence.kept(i).length ? { kept: evidence.kept(i) } : {}),
      ...(judgesReplacedWords({ ...f, articles: c.articles }) && evidence.fixed(i).length ? { fixed: evidence.fixed(i) } : {}),
      ...(f.named ? { named: true } : {}),
    });
  });
  return out.sort((a, b) => (a.phrase < b.phrase ? -1 : a.phrase > b.phrase ? 1 : 0));
}

/**
 * Evidence for judging a word dropped from a long formula, or replaced, from the archive's text. A
 * dropped word is kept when the archive writes it
 * - in DROPPED_WORD_KEPT_SHARE of the times it writes the formula's part before it, and of the times
 *   it writes the part after it, where that part is long enough to say so: a part the archive also
 *   writes after other words (推进|国家|治理…, with other words before 治理… too) makes the word a
 *   modifier the writer may leave out;
 * - and, where a part is too short, as nearly always between its neighbours in the formula (中国|
 *   特色|社会主义) of the times it writes either that or the neighbours joined (中国社会主义): one it
 *   often leaves out (全面|建成|小康, with 全面小康 everywhere) is not judged.
 * A replaced word is fixed when, of the times the archive writes the characters around it in the
 * formula with two Han characters between, nearly all have the word (配置中的|决定|性作用): where it
 * writes others too (人与自然和谐|共生, |发展), another is the writer's choice.
 */
class WordEvidence {
  private readonly automaton: AhoCorasick;
  private readonly counts: Int32Array;
  /** Per formula, per droppable word: its start, and pairs of patterns (with the word, without it or in all). */
  private readonly drops: { at: number; tests: [number, number, 'without' | 'all'][] }[][];
  /** Per formula, per replaceable word: its start and its counts (own, any two characters) in `fills`, one per context. */
  private readonly replaced: { at: number; end: number; fills: number[] }[][];
  /**
   * Per pattern, the contexts of replaceable words listening: the pattern is the part before the word
   * (`before`; then `after` follows the two characters), or the part after it.
   */
  private readonly listeners: ({ before: boolean; after: string; word: string; fill: number }[] | undefined)[] = [];
  private readonly fills: { own: number; any: number }[] = [];

  constructor(forms: readonly FormulationCandidate[]) {
    const ids = new Map<string, number>();
    const id = (pattern: string) => ids.get(pattern) ?? (ids.set(pattern, ids.size), ids.size - 1);
    this.drops = forms.map((f) => {
      if (f.kind !== 'formula' || f.phrase.length < MIN_WORD_EDIT_FORMULA_CHARS) return [];
      const text = f.phrase;
      const out: { at: number; tests: [number, number, 'without' | 'all'][] }[] = [];
      for (let at = 1; at + DROPPED_WORD_CHARS < text.length; at++) {
        if (!droppableAt(f, at)) continue;
        const end = at + DROPPED_WORD_CHARS;
        const word = text.slice(at, end);
        const tests: [number, number, 'without' | 'all'][] = [];
        const head = text.slice(0, at);
        const tail = text.slice(end);
        if (head.length >= MIN_SIDE_CHARS) tests.push([id(head + word), id(head), 'all']);
        if (tail.length >= MIN_SIDE_CHARS) tests.push([id(word + tail), id(tail), 'all']);
        // With a short side, the neighbours: the word (or the half of a four-character word) on each
        // side. Two long sides say it themselves (国家治理体系和|治理|能力现代化: the archive writes
        // 治理体系和能力 in other sentences, never before 现代化).
        if (tests.length < 2) {
          const before = text.slice(Math.max(wordAt(f, at - 1)[0], at - 2 * DROPPED_WORD_CHARS), at);
          const after = text.slice(end, Math.min(wordAt(f, end)[1], end + 2 * DROPPED_WORD_CHARS));
          tests.push([id(before + word + after), id(before + after), 'without']);
        }
        out.push({ at, tests });
      }
      return out;
    });
    this.replaced = forms.map((f) => {
      if (f.kind !== 'formula' || f.phrase.length < MIN_WORD_EDIT_FORMULA_CHARS) return [];
      const text = f.phrase;
      const out: { at: number; end: number; fills: number[] }[] = [];
      for (const [at, end] of replaceableSpans(f)) {
        const word = text.slice(at, end);
        // The characters around it; for a part of a word, also the formula's whole parts before and
        // after it when long enough. A whole word is judged by what stands around it in the formula
        // (配置中的|决定性|作用): other words after the formula's first part alone belong to other
        // formulations; that context must be long enough to be the formula's own.
        const around: [string, string] = [text.slice(Math.max(0, at - MIN_SIDE_CHARS), at), text.slice(end, end + MIN_SIDE_CHARS)];
        const part = end - at === REPLACED_WORD_CHARS;
        if (!part && around[0].length + around[1].length < MIN_WORD_CONTEXT_CHARS) continue;
        const contexts: [string, string][] = [around];
        if (part && at >= MIN_SIDE_CHARS) contexts.push([text.slice(0, at), '']);
        if (part && text.length - end >= MIN_SIDE_CHARS) contexts.push(['', text.slice(end)]);
        const fills: number[] = [];
        for (const [before, after] of contexts) {
          const fill = this.fills.length;
          this.fills.push({ own: 0, any: 0 });
          fills.push(fill);
          // Listened for on the part before the word, or (with nothing before) on the part after it.
          const key = id(before || after);
          (this.listeners[key] ??= []).push({ before: before.length > 0, after, word, fill });
        }
        out.push({ at, end, fills });
      }
      return out;
    });
    this.automaton = new AhoCorasick([...ids.keys()]);
    this.counts = new Int32Array(ids.size);
  }

  count(text: string): void {
    if (!this.counts.length) return;
    // Matches as flat (pattern, end) pairs: an article has thousands.
    const hits = this.automaton.matches(text);
    const patternLength = this.automaton.patternLength;
    for (let k = 0; k < hits.length; k += 2) {
      const pattern = hits[k];
      this.counts[pattern]++;
      const listening = this.listeners[pattern];
      if (!listening) continue;
      const end = hits[k + 1];
      for (const l of listening) {
        // Where the characters filling the word's place are, as many as it has.
        const n = l.word.length;
        const at = l.before ? end : end - patternLength[pattern] - n;
        if (at < 0 || at + n > text.length) continue;
        let han = true;
        for (let q = at; q < at + n && han; q++) han = isHan(text.charCodeAt(q));
        if (!han || (l.before && !text.startsWith(l.after, at + n))) continue;
        const fill = this.fills[l.fill];
        fill.any++;
        if (text.startsWith(l.word, at)) fill.own++;
      }
    }
  }

  /** The words of formula `i` the archive keeps, as flat [start, end) ranges. */
  kept(i: number): number[] {
    const c = this.counts;
    return this.drops[i].flatMap(({ at, tests }) =>
      tests.every(([kept, other, kind]) => c[kept] >= DROPPED_WORD_KEPT_SHARE * (kind === 'without' ? c[kept] + c[other] : c[other])) ? [at, at + DROPPED_WORD_CHARS] : [],
    );
  }

  /** The words of formula `i` the archive never replaces, as flat [start, end) ranges. */
  fixed(i: number): number[] {
    return this.replaced[i].flatMap(({ at, end, fills }) =>
      fills.every((k) => this.fills[k].own > 0 && this.fills[k].own >= FIXED_WORD_SHARE * this.fills[k].any) ? [at, end] : [],
    );
  }
}

/** Share of the archive's fills of a word's place that are the word itself, for another word there to be a slip. */
const FIXED_WORD_SHARE = 0.95;

/** Characters around a whole word replaced (both sides) for the archive's fills there to judge it. */
const MIN_WORD_CONTEXT_CHARS = 6;

/** A part of a formula this long, beside a dropped word, says whether the archive writes it without the word. */
const MIN_SIDE_CHARS = 4;

/**
 * A formula of two words or more, all Han: one word (an idiom, a coinage) has no slots to be slipped
 * into, its typos are a speller's business — unless the archive quotes it as a name (“五位一体”).
 */
function usableFormula(c: FormulationCandidate): boolean {
  if (c.phrase.length < MIN_FORMULA_CHARS || c.units.length < (c.named ? 1 : 2) || c.units.join('') !== c.phrase) return false;
  for (let i = 0; i < c.phrase.length; i++) if (!isHan(c.phrase.charCodeAt(i))) return false;
  return true;
}

/** Places, organisations, people (jieba's nr alone is unreliable: it tags 绿水青山). */
const NAME_TAGS = new Set(['ns', 'nt', 'nrfg', 'nrt']);

/**
 * The canonical text's slots the archive fills in several ways, as [start, end) character ranges:
 * a word (for a list, a member) where OPEN_SLOT_VARIANTS distinct variants edit it, or, for an
 * insertion between words, the gap (start = end). A list-level slot (order, members) is [-1, -1).
 */
function openSlots(f: FormulationCandidate, seen: { text: string; edit: FormulationEdit; at: number }[], shares: Float64Array | undefined): number[] {
  const spans = unitSpans(f);
  const bySlot = new Map<string, number>();
  for (const v of seen) {
    const slot = slotOf(spans, v.edit, v.at).join(':');
    bySlot.set(slot, (bySlot.get(slot) ?? 0) + 1);
  }
  const open = new Set<string>();
  for (const [slot, n] of bySlot) if (n >= OPEN_SLOT_VARIANTS) open.add(slot);
  // A name is open: another name there is another place or body (火神山医院, 雷神山医院).
  spans.forEach(([s, e], j) => ((shares && shares[j] < FROZEN_SLOT_SHARE) || NAME_TAGS.has(f.tags?.[j] ?? '')) && open.add(`${s}:${e}`));
  return [...open].sort().flatMap((slot) => slot.split(':').map(Number));
}

/**
 * Share of the canonical word among the words the archive puts in each slot of a formula (the rest
 * of it in place): 以人民为_ is always 中心 (1.0), 国际_ anything (国际形势 a small share of it).
 * A slot below this is open: another word there is a different phrase, not a slip.
 */
const FROZEN_SLOT_SHARE = 0.9;

/**
 * For each formula of two words or more, the share of its canonical word in each of its word slots:
 * over the corpus, the times its other words stand around one Han word, and how many of those times
 * the word is its own (undefined for the rest): `any`, which says whether the formula is fixed at
 * all. `kind` counts at the first or last slot, where the rest stands on one side only, only words of
 * the same part of speech (jieba's tag class): one of another kind is another collocation around a
 * shorter phrase, not the formulation with another word (传承|优秀传统文化 beside 中华|优秀传统文化;
 * 人与自然和谐|发展 beside |共生), and does not open the slot. One pass over the stream, the formulas chained by
 * their first word (frames of every other slot) and by their last (frames of the first slot).
 */
/** Share of an edge slot's fillers of another part of speech from which the word is a modifier (see slotShares). */
const MAX_OTHER_KIND_SHARE = 0.25;

function slotShares(stream: PhraseStream, vocab: Vocabulary, forms: readonly FormulationCandidate[]): { any: (Float64Array | undefined)[]; kind: (Float64Array | undefined)[] } {
  const ids = vocab.ids();
  // Every formula's words in one array (formula i: words[start[i], start[i + 1])), frames and own
  // counts beside them; chains in typed arrays: the first formula starting (ending) with word w, then the next.
  const start = new Int32Array(forms.length + 1);
  const flat: number[] = [];
  // The part of speech each word's fillers must share to count (see sameKind), as the code of its
  // tag's first letter; 0 takes any (and jieba's x, a word it does not know: 共治, 复产).
  const kinds: number[] = [];
  const firstHead = new Int32Array(vocab.size).fill(-1);
  const lastHead = new Int32Array(vocab.size).fill(-1);
  const nextByFirst = new Int32Array(forms.length).fill(-1);
  const nextByLast = new Int32Array(forms.length).fill(-1);
  forms.forEach((f, i) => {
    start[i] = flat.length;
    const w = f.units.map((u) => ids.get(u) ?? -1);
    if (f.kind === 'formula' && w.length >= 2 && !w.includes(-1)) {
      flat.push(...w);
      kinds.push(...w.map((_, j) => (f.tags?.[j] === 'x' ? 0 : (f.tags?.[j]?.charCodeAt(0) ?? 0) || 0)));
      nextByFirst[i] = firstHead[w[0]];
      firstHead[w[0]] = i;
      nextByLast[i] = lastHead[w[w.length - 1]];
      lastHead[w[w.length - 1]] = i;
    }
  });
  start[forms.length] = flat.length;
  const words = Int32Array.from(flat);
  const frames = new Float64Array(words.length);
  const kindFrames = new Float64Array(words.length);
  const own = new Float64Array(words.length);
  const han = vocab.han;
  const kindOf = Int32Array.from(kinds);
  const tagClass = vocab.tagClass;
  const sameKind = (word: number, at: number) => kindOf[at] === 0 || tagClass[word] === kindOf[at];
  for (const a of stream.articles) {
    const t = a.tokens;
    const n = t.length;
    for (let p = 0; p < n; p++) {
      // The formula's first word at p, the others with at most one different: that one's slot is a frame.
      for (let i = firstHead[t[p]]; i >= 0; i = nextByFirst[i]) {
        const s = start[i];
        const len = start[i + 1] - s;
        if (p + len > n) continue;
        let slot = -1;
        let k = 1;
        for (; k < len; k++) {
          if (t[p + k] === words[s + k]) continue;
          if (slot >= 0 || !han[t[p + k]]) break;
          slot = k;
        }
        if (k < len) continue;
        if (slot >= 0) {
          frames[s + slot]++;
          if (slot < len - 1 || sameKind(t[p + slot], s + slot)) kindFrames[s + slot]++;
        } else
          for (let j = s; j < s + len; j++) {
            frames[j]++;
            kindFrames[j]++;
            own[j]++;
          }
      }
      // Its last word at p, every word but the first its own, another Han word first: a frame of the first slot.
      for (let i = lastHead[t[p]]; i >= 0; i = nextByLast[i]) {
        const s = start[i];
        const len = start[i + 1] - s;
        const from = p - len + 1;
        if (from < 0 || t[from] === words[s] || !han[t[from]]) continue;
        let k = len - 2;
        while (k >= 1 && t[from + k] === words[s + k]) k--;
        if (k !== 0) continue;
        frames[s]++;
        if (sameKind(t[from], s)) kindFrames[s]++;
      }
    }
  }
  // Many fillers of another kind at an edge say the archive often writes the rest without the word
  // (这场|疫情防控阻击战, 打赢|…): a modifier, whose slot is as open as all its fillers say.
  for (let j = 0; j < words.length; j++) if (frames[j] - kindFrames[j] >= MAX_OTHER_KIND_SHARE * frames[j]) kindFrames[j] = frames[j];
  const shares = (of: Float64Array) => forms.map((_, i) => (start[i + 1] > start[i] ? own.slice(start[i], start[i + 1]).map((o, k) => (of[start[i] + k] ? o / of[start[i] + k] : 1)) : undefined));
  return { any: shares(frames), kind: shares(kindFrames) };
}

/**
 * A formula with an open word at an edge (增强|人民|群众: 增强 takes any object) is that word and a
 * core (人民群众), whose words are read from the core's own frames over the whole archive, where
 * 农民群众 and 党员群众 stand beside 人民群众: the formula's frames see too few of them, and call 人民
 * fixed. The shares of the core's words in its frames (undefined for a formula without such a core),
 * for the formulas `kept` (indices in `forms`); the formula's other words get 1.
 */
function withCoreShares(stream: PhraseStream, vocab: Vocabulary, forms: readonly FormulationCandidate[], shares: (Float64Array | undefined)[], kept: readonly number[]): (Float64Array | undefined)[] {
  const keep = new Set(kept);
  const open = (f: FormulationCandidate, s: Float64Array, j: number) => s[j] < FROZEN_SLOT_SHARE || NAME_TAGS.has(f.tags?.[j] ?? '');
  const from = forms.map(() => 0);
  const cores = forms.map((f, i) => {
    const s = shares[i];
    if (!s || f.named || !keep.has(i)) return undefined;
    let a = 0;
    let b = f.units.length;
    // A core keeps two words at least (满足|人民|群众: 群众 is open too, but 人民 needs a frame).
    while (b - a > 2 && open(f, s, a)) a++;
    while (b - a > 2 && open(f, s, b - 1)) b--;
    if (a === 0 && b === f.units.length) return undefined;
    from[i] = a;
    return { phrase: f.units.slice(a, b).join(''), kind: 'formula' as const, units: f.units.slice(a, b), tags: f.tags?.slice(a, b) };
  });
  const coreShares = slotShares(stream, vocab, cores.map((c) => c ?? { phrase: '', kind: 'formula', units: [] })).any;
  return forms.map((f, i) => {
    const c = coreShares[i];
    if (!c) return undefined;
    const out = new Float64Array(f.units.length).fill(1);
    out.set(c, from[i]);
    return out;
  });
}

/**
 * Slots loose in the core's frames but not open in the formula's own (增强人民群众: 人民, 群众): there
 * another ordinary word is another phrase (增强农民群众), but a typo is still a slip (中华民族伟太复兴:
 * 伟大 is one word of many before 复兴, 伟太 none). Flat [start, end) ranges like `open`.
 */
function looseSlots(f: FormulationCandidate, open: readonly number[], core: Float64Array | undefined): number[] {
  if (!core) return [];
  const taken = new Set<string>();
  for (let i = 0; i + 1 < open.length; i += 2) taken.add(`${open[i]}:${open[i + 1]}`);
  return unitSpans(f).flatMap(([s, e], j) => (core[j] < FROZEN_SLOT_SHARE && !taken.has(`${s}:${e}`) ? [s, e] : []));
}

/** [start, end) of each word of a formula or member of an enumeration in its canonical text. */
function unitSpans(f: { phrase: string; kind: 'formula' | 'enumeration'; units: readonly string[] }): [number, number][] {
  const spans: [number, number][] = [];
  let p = 0;
  for (const u of f.units) {
    const at = f.phrase.indexOf(u, p);
    if (at < 0) break;
    spans.push([at, at + u.length]);
    p = at + u.length;
  }
  return spans;
}

/** The slot an edit falls in: the word holding the edited character, the gap of an insertion between words, or the list (and a swap of words: the formula's order). */
function slotOf(spans: readonly [number, number][], edit: FormulationEdit, at: number): [number, number] {
  if (at < 0 || edit === 'swap') return [-1, -1];
  if (edit === 'insertion' && spans.some(([s]) => s === at)) return [at, at];
  const word = spans.find(([s, e]) => s <= at && at < e);
  return word ? [word[0], word[1]] : [at, at + 1];
}

/** An article's text rebuilt from its words, with the offset where each token starts (and the end). */
function articleText(tokens: Int32Array, vocab: Vocabulary): { text: string; starts: Int32Array } {
  const starts = new Int32Array(tokens.length + 1);
  let p = 0;
  for (let i = 0; i < tokens.length; i++) {
    starts[i] = p;
    p += vocab.units[tokens[i]];
  }
  starts[tokens.length] = p;
  let text = '';
  for (let i = 0; i < tokens.length; i++) text += vocab.words[tokens[i]];
  return { text, starts };
}

// ---- the draft side ----

/** A near-variant of a formulation in a draft that the archive does not tolerate, with what it says about it. */
export interface DraftVariant extends Span {
  formulation: Formulation;
  /** The draft's text at the span. */
  text: string;
  edit: FormulationEdit;
  /** Where in the canonical text (see FormulationHit.at). */
  at: number;
  /** The archive's record of this very variant, when it wrote it (in fewer articles than it tolerates). */
  seen?: FormulationVariant;
}

interface DraftMatcher {
  matcher: FormulationMatcher;
  formulations: Formulation[];
  spans: [number, number][][];
}

const draftMatchers = new WeakMap<Profile, DraftMatcher>();
/** draftMemo's key: a draft's variants by profile. */
const DRAFT_RESULTS = {};

function draftMatcher(profile: Profile): DraftMatcher {
  let m = draftMatchers.get(profile);
  if (!m) {
    const formulations = profile.register.formulations ?? [];
    m = { matcher: new FormulationMatcher(formulations), formulations, spans: formulations.map(unitSpans) };
    draftMatchers.set(profile, m);
  }
  return m;
}

/**
 * Every near-variant of a profile's formulations in the draft's headline and body that the archive
 * does not tolerate, in document order. Where variants of several formulations overlap
 * (实现中华民族伟大复兴 and 中华民族伟大复兴), the longest formulation speaks. Cached per (draft, profile).
 */
export function findFormulationVariants(doc: ParsedDraft, profile: Profile, toleratedArticles = TOLERATED_ARTICLES): DraftVariant[] {
  const perProfile = draftMemo(doc, DRAFT_RESULTS, () => new Map<Profile, DraftVariant[]>());
  const cached = perProfile.get(profile);
  if (cached && toleratedArticles === TOLERATED_ARTICLES) return cached;

  const { matcher, formulations, spans } = draftMatcher(profile);
  const out: DraftVariant[] = [];
  const content = doc.paragraphs.filter((p) => p.kind === 'body' || p.kind === 'headline');
  if (formulations.length && content.length) {
    // A word jieba guessed (an `x` of Han characters, not in its dictionary) is no evidence of where words
    // end: a slip makes such guesses (共同休走深走实 → 休走/x), so it may be cut.
    const isBoundary = (offset: number) =>
      doc.tokensIn({ start: offset - 8, end: offset + 1 }).some((t) => t.start === offset || t.end === offset || (t.tag === 'x' && t.start < offset && offset < t.end && allHan(t.word)));
    const onWords = (h: FormulationHit) => isBoundary(h.start) && isBoundary(h.end);
    // One pass over the text from the first paragraph read to the last; a window never spans two
    // paragraphs (it holds no line break), and one in a byline or comment is dropped.
    const windows = matcher.windows(doc.text, isBoundary, content[0].start, content[content.length - 1].end);
    const exact = windows.filter((h) => h.edit === 'exact');
    const paragraphOf = (h: FormulationHit) => {
      const i = partitionPoint(content.length, (k) => content[k].start <= h.start) - 1;
      return i >= 0 && h.end <= content[i].end ? content[i] : undefined;
    };
    // Longest canonical text first; a hit overlapping one already kept is the same slip — unless that
    // one's formulation left it alone for its own reasons (a slot it fills freely, too little
    // evidence), and a shorter one may judge it (贯彻新发展理念 takes many words; 新发展理念 does not).
    const hits = windows.filter((h) => h.edit !== 'exact').sort((a, b) => formulations[b.form].phrase.length - formulations[a.form].phrase.length || inDocumentOrder(a, b));
    // A window off word boundaries, or inside another formulation's canonical text, is no variant at
    // all. Tested last, and for a tolerated variant only when it would hide another: a word boundary
    // may mean segmenting a clause.
    const valid = new Map<FormulationHit, boolean>();
    const isVariant = (h: FormulationHit) => {
      let v = valid.get(h);
      if (v === undefined) {
        const canon = formulations[h.form].phrase;
        v = onWords(h) && !exact.some((x) => x.form !== h.form && coversEdit(x, h, canon, doc.text) && onWords(x));
        valid.set(h, v);
      }
      return v;
    };
    const kept: FormulationHit[] = [];
    let titles: Span[] | undefined;
    for (const h of hits) {
      if (kept.some((k) => k.start < h.end && h.start < k.end && isVariant(k))) continue;
      const p = paragraphOf(h);
      if (!p) continue;
      const f = formulations[h.form];
      const text = doc.text.slice(h.start, h.end);
      const seen = f.variants.find((v) => v.text === text);
      const variant: DraftVariant = { start: h.start, end: h.end, formulation: f, text, edit: h.edit as FormulationEdit, at: h.at, ...(seen ? { seen } : {}) };
      const archived = !!seen && seen.articles >= toleratedArticles;
      // Not a slip when the formulation is too thin to judge this edit, or the archive fills that slot
      // freely: then a shorter formulation overlapping it may judge it.
      if (!archived && (isOpen(f, spans[h.form], variant) || unsure(f, spans[h.form], variant, doc.text))) continue;
      kept.push(h);
      // Tolerated: the archive uses it, the sentence (or headline) also writes the canonical text (a
      // contrast), or it is inside a title.
      if (archived || contrasted(doc, p, variant)) continue;
      titles ??= [...doc.text.matchAll(/《[^《》\n]{1,60}》/g)].map((m) => ({ start: m.index!, end: m.index! + m[0].length }));
      if (titles.some((t) => t.start < h.start && h.end < t.end)) continue;
      if (isVariant(h)) out.push(variant);
    }
    out.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  if (toleratedArticles === TOLERATED_ARTICLES) perProfile.set(profile, out);
  return out;
}

/** A character substituted by one that sounds the same (同音字). */
export function homophone(v: Pick<DraftVariant, 'edit' | 'at' | 'text' | 'formulation'>): boolean {
  return v.edit === 'substitution' && soundsAlike(v.formulation.phrase[v.at], v.text[v.at]);
}

/**
 * The edit falls in a slot the archive fills freely: another word there is another phrase (国际形势,
 * 国际局势). A word of three characters or more edited inside is still a slip (全面从严治档: 全面
 * takes many words, but 从严治档 is none of them), and so is a character replaced by one that sounds
 * the same and makes no word (打萤脱贫攻坚战: 打赢 is one word of several there, 打萤 none): the input
 * method's slip. In a loose slot (looseSlots) only another ordinary word is another phrase.
 */
function isOpen(f: Formulation, spans: [number, number][], v: DraftVariant): boolean {
  if (v.edit === 'swap') return false;
  const [s, e] = slotOf(spans, v.edit, v.at);
  if (e - s >= 3 && v.at >= 0 && f.kind === 'formula') return false;
  let open = false;
  for (let i = 0; i + 1 < f.open.length && !open; i += 2) open = f.open[i] === s && f.open[i + 1] === e;
  let loose = false;
  const looseSlots = f.loose ?? [];
  for (let i = 0; i + 1 < looseSlots.length && !open && !loose; i += 2) loose = looseSlots[i] === s && looseSlots[i + 1] === e;
  // The homophone test (pinyin) last: most edits fall in no open slot.
  if (!open && !loose) return false;
  if (homophone(v) && !otherWord(spans, v)) return false;
  return open || otherWord(spans, v);
}

/**
 * A formulation the archive wrote in fewer articles than this, or a quoted name, is not sure enough
 * to call another word of the language in its place a slip: a published article will write it so
 * (创新社会管理 beside 创新社会治理, “中国之前” beside “中国之治”). More used formulations are.
 */
const SURE_ARTICLES = 10;
/** A word added (经济下行压力有所加大) is judged only by a formulation this used: published text adds words freely. */
const ADDED_WORD_ARTICLES = 20;
/** Share of the uses of a formulation (its canonical text and a dropped-word variant) that keep the word for dropping it to be a slip. */
const DROPPED_WORD_KEPT_SHARE = 0.95;

/** The formulation is used enough, and long enough, to judge a word replaced in it. */
function judgesReplacedWords(f: { phrase: string; kind: 'formula' | 'enumeration'; articles: number; named?: boolean }): boolean {
  return f.kind === 'formula' && !f.named && f.phrase.length >= MIN_WORD_EDIT_FORMULA_CHARS && f.articles >= SURE_ARTICLES;
}

/** The formulation is used enough, and long enough, to judge a word dropped from it. */
function judgesDroppedWords(f: { phrase: string; kind: 'formula' | 'enumeration'; articles: number }): boolean {
  return f.kind === 'formula' && f.phrase.length >= MIN_WORD_EDIT_FORMULA_CHARS && f.articles >= ADDED_WORD_ARTICLES;
}

/** A word jieba's dictionary counts this often is a word of the language, not a typo (关健: 5, 初心: 3). */
const ORDINARY_WORD_FREQUENCY = 50;

/**
 * The formulation is not sure enough to call this variant a slip:
 * - a short quoted name (“四个意识”) where the draft does not quote the variant: unquoted, 四个方面 or
 *   极大考验 is just text;
 * - a list the archive wrote in few articles (fewer than a plain formulation needs; a closed series,
 *   fewer than MIN_SERIES_ARTICLES), where published text leaves a member out (根本性、全局性、
 *   稳定性) or swaps a pair (众志成城、万众一心): only three members or more reordered are a slip;
 * - a word added to a formulation of fewer than ADDED_WORD_ARTICLES articles, or one with open or loose
 *   slots (以人民利益为中心 is a slip; 推动经济高质量发展 another phrase);
 * - a formulation the archive wrote in fewer than SURE_ARTICLES articles (or a name), where the edit
 *   makes another ordinary word and the new character does not sound like the old: 运行高效 →
 *   运行有效 is a choice, 关键 → 关健 (not a word) or 和谐 → 和协 (a homophone) a slip; and where
 *   one conjunction stands for another.
 */
function unsure(f: Formulation, spans: [number, number][], v: DraftVariant, text: string): boolean {
  // A character added inside a well-used name the archive writes one way only (两个一百年) is a slip
  // however the draft quotes it and whatever word it makes (周年): no published article writes it so.
  if (f.named && v.edit === 'insertion' && v.text.length === f.phrase.length + 1 && f.articles >= SURE_ARTICLES && !f.open.length && !f.loose?.length) return false;
  // A short name judges only a quoted variant (四个方面 is just text); a long one names itself (绿水青山就是金山银山).
  if (f.named && f.phrase.length < MIN_NAMED_BY_REST_CHARS && !quoted(text, v.start, v.end)) return true;
  // A word added: only a formulation that is used much and takes no other word anywhere judges it.
  if (v.text.length === f.phrase.length + ADDED_WORD_CHARS) return f.articles < ADDED_WORD_ARTICLES || f.kind !== 'formula' || f.open.length > 0 || (f.loose?.length ?? 0) > 0;
  // A word dropped: only a well-used formulation that keeps that word nearly always, and fills its slot no other way.
  // A word replaced: only where the archive never writes another (an older wording, a slip).
  if (v.edit === 'replaced-word') {
    const span = replacedWord(f, v.text, 0);
    const fixed = f.fixed ?? [];
    return !judgesReplacedWords(f) || !span || !fixed.some((x, i) => i % 2 === 0 && x === span[0] && fixed[i + 1] === span[1]);
  }
  if (v.edit === 'deletion' && v.text.length === f.phrase.length - DROPPED_WORD_CHARS) {
    const kept = f.kept ?? [];
    return !judgesDroppedWords(f) || !kept.some((x, i) => i % 2 === 0 && x === v.at) || f.articles < DROPPED_WORD_KEPT_SHARE * (f.articles + (v.seen?.articles ?? 0));
  }
  // Swapped heads make members no list has (优化发展方式): a slip however few articles wrote the list.
  if (v.edit === 'swap') return f.kind === 'formula' && f.articles < MIN_CANONICAL_ARTICLES;
  if (v.at < 0) {
    const sure = f.articles >= MIN_CANONICAL_ARTICLES || (closedSeries(f) && f.articles >= MIN_SERIES_ARTICLES);
    return !sure && (v.edit !== 'order' || f.units.length < 3);
  }
  if ((f.articles >= SURE_ARTICLES && !f.named) || homophone(v)) return false;
  if (v.edit === 'substitution' && CONJUNCTIONS.has(v.text[v.at])) return true;
  return otherWord(spans, v);
}

/**
 * The edited word of the draft is a word of the language: the canonical word's span in the variant
 * (one longer after an insertion, one shorter after a deletion), or two or three characters holding
 * the edit (运行有效: 有效; 创造活力 → 创造力).
 */
function otherWord(spans: [number, number][], v: DraftVariant): boolean {
  const [s, e] = slotOf(spans, v.edit, v.at);
  const words = [v.text.slice(s, e + (v.edit === 'insertion' ? 1 : v.edit === 'deletion' ? -1 : 0))];
  // The characters edited: the one put at `at`, or after a deletion the two it joins.
  const [first, last] = v.edit === 'deletion' ? [v.at - 1, v.at] : [v.at, v.at];
  for (let n = 2; n <= 3; n++) for (let from = last - n + 1; from <= first; from++) if (from >= 0 && from + n <= v.text.length) words.push(v.text.slice(from, from + n));
  return words.some((w) => w.length >= 2 && dictionaryFrequency(w) >= ORDINARY_WORD_FREQUENCY);
}

/** The window is a whole quotation (“四个意思”). */
function quoted(text: string, start: number, end: number): boolean {
  return OPEN_QUOTES.has(text[start - 1]) && CLOSE_QUOTES.has(text[end]);
}
const OPEN_QUOTES = new Set([...'“‘「『"\'']);
const CLOSE_QUOTES = new Set([...'”’」』"\'']);

/** The sentence (or headline) also writes the canonical text, or a list's member left out: the draft sets the two side by side (从“全面建设”到“全面建成”). */
function contrasted(doc: ParsedDraft, p: { start: number; end: number; kind: string }, v: DraftVariant): boolean {
  let from = p.start;
  let to = p.end;
  if (p.kind === 'body') {
    const i = partitionPoint(doc.sentences.length, (k) => doc.sentences[k].start <= v.start) - 1;
    if (i >= 0 && doc.sentences[i].end >= v.end) {
      from = doc.sentences[i].start;
      to = doc.sentences[i].end;
    }
  }
  // Outside the variant itself (an added member leaves the canonical list inside it); for a list
  // with a member left out, that member elsewhere in the sentence (既…又…、…: the list split).
  const around = [doc.text.slice(from, v.start), doc.text.slice(v.end, to)];
  const missing = v.edit === 'missing-member' ? v.formulation.units.filter((m) => !v.text.split(SEPARATOR).includes(m)) : [];
  return around.some((t) => t.includes(v.formulation.phrase) || missing.some((m) => t.includes(m)));
}
