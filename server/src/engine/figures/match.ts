// When two figures state one quantity (figures/quantity.ts: the same counted thing and action,
// measure, place and time), and when their values differ the way a typist's slip makes them differ
// rather than as two facts do. Kept conservative: a false "conflict" costs an editor more than a
// missed one, so another value altogether is a conflict only when the quantity was written alike.

import type { Profile, PublishedFigure } from '../profile/types';
import type { Evidence, PublishedFigureRef } from '../types';
import { sharedSubject, timeWords, valuesCompatible, type Figure } from './extract';
import { placeLevel, type Quantity } from './quantity';
import { aliasMap, withFullNames } from './aliases';
import { countIn } from '../text/matches';
import { dateOfPath, draftTime, partAgreesWithPublished, PRESENT_WORDS, resolvedYear, sameTimeInDraft, yearOfPath, type DraftTime } from './time';
import type { ParsedDraft } from '../parse/draft';

/** Measure words that stand for people, and the classifiers 个 may stand in for (46个社区食堂 / 46家社区食堂). */
const PEOPLE = new Set(['人', '名', '位']);
const COUNTERS = new Set([
  '家', '所', '座', '处', '间', '栋', '幢', '项', '件', '条', '台', '辆', '部', '套', '张', '块', '支', '只', '头', '艘', '架', '列', '本',
  '册', '篇', '份', '种', '类', '片', '根', '盏', '棵', '株', '批', '宗', '笔', '单', '场', '床',
]);

/** The class a unit compares in: people, things counted with 个 or a classifier, or the unit itself. */
export function unitClass(unit: string): string {
  // A bare 863.5万 mostly counts people (常住人口363.9万, 863.5万参保群众).
  if (PEOPLE.has(unit) || unit === '') return '人';
  if (unit === '个' || COUNTERS.has(unit)) return '个';
  return unit;
}

/** Units that can count one quantity: equal, both people (or a bare number beside people), or 个 beside a classifier. */
export function unitsAgree(a: string, b: string): boolean {
  return a === b || (unitClass(a) === unitClass(b) && (PEOPLE.has(a) || a === '' || b === '' || a === '个' || b === '个'));
}

type Identity = Pick<Quantity, 'thing' | 'modifiers' | 'verb'>;

/** What a head may add and still name the same thing: 中小学 / 中小学校, 客流 / 客流量, 病例 / 病例数, 参观 / 参观者. */
const HEAD_TAILS = new Set(['校', '量', '数', '总数', '总量', '数量', '人数', '者']);

/** Heads that name a flow of people by its count (the unit, 人次, says whom it counts). */
const PEOPLE_FLOW = new Set(['客流', '客流量', '人流', '人流量']);
/** Last characters of nouns for people (游客, 乘客, 市民, 观众, 人员, 学生, 职工): whom a flow counts. */
const PERSON_ENDS = new Set([...'客人者员民众生工友']);

/** A bare 客流 beside the people it counts: `flow` is a one-word flow, `other` ends with a noun for people. */
function flowOf(flow: Identity, other: string): boolean {
  return flow.thing.length === 1 && PEOPLE_FLOW.has(flow.thing[0]) && PERSON_ENDS.has(other[other.length - 1]);
}

/**
 * The same counted thing: the same head noun (食堂 in 社区食堂 and 食堂), and no two modifiers a
 * reader would contrast (护理型床位 vs 养老床位).
 */
export function thingsAgree(a: Identity, b: Identity): boolean {
  if (!a.thing.length || !b.thing.length) return false;
  const ha = a.thing[a.thing.length - 1];
  const hb = b.thing[b.thing.length - 1];
  // A bare 客流 names the count of whoever came (游客, 乘客) in 人次, not a thing of its own; 地铁客流
  // is the metro's, and a 高峰 beside it is no people.
  if (flowOf(a, hb) || flowOf(b, ha)) return true;
  const [short, long] = ha.length <= hb.length ? [ha, hb] : [hb, ha];
  if (short !== long && !(short.length >= 2 && (long.endsWith(short) || (long.startsWith(short) && HEAD_TAILS.has(long.slice(short.length)))))) return false;
  // A one-character head (量, 率, 桩) names little: the words before it must meet too.
  if (short.length === 1 && a.thing.length > 1 && b.thing.length > 1 && !a.thing.slice(0, -1).some((w) => b.thing.includes(w))) return false;
  return !modifiersContrast(a, b);
}

/** What a one-word compound head adds to the other head (公交线路 over 线路: 公交), read as a modifier. */
function headModifiers(own: Identity, other: Identity): readonly string[] {
  const h = own.thing[own.thing.length - 1] ?? '';
  const o = other.thing[other.thing.length - 1] ?? '';
  return o && h.length > o.length && h.endsWith(o) ? [...own.modifiers, h.slice(0, h.length - o.length)] : own.modifiers;
}

/** 全港, 全校, 全村: the whole of the place the draft is about, like 全市; no modifier that sets a thing apart. */
const WHOLE_OF = /^全[\u4e00-\u9fff]$/;

/** Both things carry a modifier the other lacks, and neither reading contains the other (护理型床位 / 养老床位). */
function modifiersContrast(a: Identity, b: Identity): boolean {
  // Each has a modifier the other lacks (城镇居民 / 农村居民 share 居民 and still differ).
  const ma = headModifiers(a, b).filter((m) => !WHOLE_OF.test(m));
  const mb = headModifiers(b, a).filter((m) => !WHOLE_OF.test(m));
  if (!ma.some((m) => !mb.includes(m)) || !mb.some((m) => !ma.includes(m))) return false;
  const ta = a.thing.filter((w) => !WHOLE_OF.test(w)).join('');
  const tb = b.thing.filter((w) => !WHOLE_OF.test(w)).join('');
  return !ta.includes(tb) && !tb.includes(ta);
}

/** 新增 says only that the count is of additions, which the measure already tells (新登记 / 新增的经营主体). */
const GENERIC_ADDITION = '新增';

/** The same action, or one of them left it unsaid (发放消费券 / 消费券总数); 建成 and 建设 share a character. */
export function verbsAgree(a: string, b: string): boolean {
  if (!a || !b || a === b || a === GENERIC_ADDITION || b === GENERIC_ADDITION) return true;
  for (const c of a) if (b.includes(c)) return true;
  return false;
}

/**
 * How two values differ as a slip of the keyboard does: digits swapped, one digit changed, one
 * dropped or doubled, or the same digits under the wrong magnitude word (3.2亿元 / 3.2万元).
 */
export type Slip = 'transposed' | 'digit' | 'extra-digit' | 'magnitude';

/** Ratios between 万, 亿 and 万亿 that one wrong magnitude character makes. */
const MAGNITUDE_RATIOS = [1e4, 1e8];

function decimalsOf(v: number): number {
  const s = String(v);
  const point = s.indexOf('.');
  return point < 0 || s.includes('e') ? 0 : s.length - point - 1;
}

function digitsOf(v: number, decimals: number): string {
  return Math.abs(v).toFixed(decimals).replace('.', '').replace(/^0+(?=.)/, '');
}

/** Two digit strings of one length hold the same digits, in any order. */
function sameDigits(a: string, b: string): boolean {
  const counts = new Int8Array(10);
  for (let i = 0; i < a.length; i++) {
    counts[a.charCodeAt(i) - 48]++;
    counts[b.charCodeAt(i) - 48]--;
  }
  return counts.every((c) => c === 0);
}

/** Two digit strings of one length without the zeros they both end in (500000000 / 300000000 → 5 / 3). */
function significant(a: string, b: string): [string, string] {
  let n = 0;
  while (n < a.length - 1 && a[a.length - 1 - n] === '0' && b[b.length - 1 - n] === '0') n++;
  return [a.slice(0, a.length - n), b.slice(0, b.length - n)];
}

/** A value's digits as written with its own decimals (36.2 → '362', 1), ready to be compared with another's. */
interface Digits {
  digits: string;
  decimals: number;
}

function digitsWithDecimals(v: number): Digits {
  const decimals = Math.min(6, decimalsOf(v));
  return { digits: digitsOf(v, decimals), decimals };
}

/** `d`'s digits written with `decimals` decimals (no fewer than its own): zeros appended. */
function padded(d: Digits, decimals: number): string {
  return d.digits === '0' || decimals === d.decimals ? d.digits : d.digits + '0'.repeat(decimals - d.decimals);
}

/** 36.2万 / 32.6万, 58 / 85, 7400 / 7040: transposed; 1000 / 1200: one digit; 7400 / 740: one digit extra. */
export function slipBetween(a: number, b: number): Slip | undefined {
  return slipBetweenDigits(a, b, digitsWithDecimals(a), digitsWithDecimals(b));
}

function slipBetweenDigits(a: number, b: number, ma: Digits, mb: Digits): Slip | undefined {
  const [low, high] = Math.abs(a) <= Math.abs(b) ? [a, b] : [b, a];
  if (low !== 0 && MAGNITUDE_RATIOS.some((r) => sameValue(low * r, high))) return 'magnitude';
  const decimals = Math.max(ma.decimals, mb.decimals);
  const da = padded(ma, decimals);
  const db = padded(mb, decimals);
  if (da === db) return undefined;
  // One digit against another (3 / 4, 6 / 36) says nothing: a slip needs two digits on both sides.
  if (da.length < 2 || db.length < 2) return undefined;
  if (da.length === db.length) {
    if (sameDigits(da, db)) return 'transposed';
    // Values differing in one place are as often two facts as a slip when they are short (33 / 35)
    // or round (5亿 / 3亿); 1000 / 1200 and 480 / 430 keep two significant digits in three or more.
    const [sa, sb] = significant(da, db);
    if (da.length < 3 || sa.length < 2) return undefined;
    return differingPlaces(sa, sb) === 1 ? 'digit' : undefined;
  }
  const [long, short] = da.length > db.length ? [da, db] : [db, da];
  if (long.length !== short.length + 1) return undefined;
  for (let i = 0; i < long.length; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return 'extra-digit';
  return undefined;
}

/** The two values differ in one digit, however short they are (74 / 79). */
function oneDigitChanged(da: Digits, db: Digits): boolean {
  const decimals = Math.max(da.decimals, db.decimals);
  const sa = padded(da, decimals);
  const sb = padded(db, decimals);
  return sa.length === sb.length && sa.length >= 2 && differingPlaces(sa, sb) === 1;
}

/** How many places two digit strings of one length differ in. */
function differingPlaces(a: string, b: string): number {
  let changed = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) changed++;
  return changed;
}

/** Significant digits of a value as written in full (31.3 → 3, 42000 → 2). */
function significantDigits(v: number): number {
  const digits = String(Math.abs(v)).replace('.', '').replace(/^0+/, '');
  return String(Math.abs(v)).includes('.') ? digits.length : digits.replace(/0+$/, '').length || 1;
}

/**
 * One value is the other rounded (31万亿 / 31.3万亿, 2.6万 / 2.64万): a coarser retelling, not a
 * slip. A coarse value of one significant digit (1000 / 1200) says too little to tell.
 */
export function roundedFrom(a: number, b: number): boolean {
  const [coarse, fine] = significantDigits(a) <= significantDigits(b) ? [a, b] : [b, a];
  const digits = significantDigits(coarse);
  return digits >= 2 && digits < significantDigits(fine) && sameValue(Number(fine.toPrecision(digits)), coarse);
}

function sameValue(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

type Valued = { value: number; qualifier?: Figure['qualifier'] };

/**
 * Two statements of one quantity that cannot both stand. Bounds are intervals (超30万 and 32万 agree),
 * but one bound restated with another number (超1000个 / 超1200个) is a discrepancy.
 */
export function valuesDisagree(a: Valued, b: Valued): boolean {
  if ((a.qualifier ?? 'exact') === (b.qualifier ?? 'exact')) return !sameValue(a.value, b.value);
  return !valuesCompatible(a, b);
}

/** What a draft's figures say about its present time and its own place. */
export interface DraftScene {
  time: DraftTime;
  /** Places that are the draft's own (named in its headline): a figure scoped to one is scoped to none. */
  home: ReadonlySet<string>;
  /** The places the draft's figures are scoped to, parts of a whole (其中南州市) aside. */
  places: ReadonlySet<string>;
  /** The figures of each sentence (by doc.sentences index). */
  bySentence: ReadonlyMap<number, readonly Figure[]>;
  /** Figures that name a time, by unit class and time key (periodUnclear). */
  byTime: ReadonlyMap<string, ReadonlyMap<string, readonly Figure[]>>;
}

/** A place named this often, and twice as often as any other, is the place a text is about. */
const PLACE_ABOUT_MENTIONS = 3;

/** The place a text is about, from how often it names each candidate; none when two are named alike. */
export function mostNamedPlace(counts: Iterable<[string, number]>): string | undefined {
  const [first, second] = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return first && first[1] >= PLACE_ABOUT_MENTIONS && first[1] >= 2 * (second?.[1] ?? 0) ? first[0] : undefined;
}

/**
 * The place the draft is about, among its figures' scopes (泉州 in a piece on 泉州's businesses:
 * its 全市 is 泉州); none when it names two places alike (a comparison of two cities).
 */
export function placeAbout(text: string, figures: readonly Figure[]): string | undefined {
  const scopes = [...new Set(figures.map((f) => f.quantity.scope).filter((s) => s.length >= 2))];
  return mostNamedPlace(scopes.map((s): [string, number] => [s, countIn(text, s)]));
}


/** The figures of a draft that name a time, by unit class and time key. */
export function figuresByTime(figures: readonly Figure[]): Map<string, Map<string, Figure[]>> {
  const out = new Map<string, Map<string, Figure[]>>();
  for (const f of figures) {
    if (!f.quantity.time || f.kind === 'words') continue;
    const unit = unitClass(f.unit);
    let byKey = out.get(unit);
    if (!byKey) out.set(unit, (byKey = new Map()));
    push(byKey, f.quantity.time, f);
  }
  return out;
}

/** How many figures of one time periodUnclear looks at: a pasted table may give one time thousands. */
const MAX_PERIOD_LOOKS = 16;

/**
 * One sentence gives both values, each to its own instance (神舟团队平均年龄33岁，北斗团队平均年龄35岁):
 * an earlier 35岁 is then one of these instances, not the other one mistyped.
 */
function valueRecurs(scene: DraftScene, sentence: number, other: Figure, value: number): boolean {
  return (scene.bySentence.get(sentence) ?? []).some((g) => g !== other && unitsAgree(g.unit, other.unit) && sameValue(g.value, value));
}

/** Why two figures of a draft are one quantity with two values: a slip between them, or the quantity restated word for word. */
export type DraftConflict = Slip | 'restated';

/** Content words two clauses share, against the larger one: how closely the second restates the first. */
function overlap(a: readonly string[], b: readonly string[]): number {
  const { shared, sizeA, sizeB } = sharedSubject(a, b);
  return shared.length / Math.max(sizeA, sizeB, 1);
}

/** The head of `f`'s thing (two characters or more) is written in `other`'s clause. */
function headNamedIn(f: Figure, other: Figure, text: string): boolean {
  const head = f.quantity.thing[f.quantity.thing.length - 1] ?? '';
  return head.length >= 2 && text.slice(other.clause.start, other.clause.end).includes(head);
}

function headNamedInOther(a: Figure, b: Figure, text: string): boolean {
  return headNamedIn(a, b, text) || headNamedIn(b, a, text);
}

/**
 * Two readings of a thing meet: the head of either is written in the other's clause, or they share
 * a word of two characters or more (参保人数 read as 参保/人数, 863.5万参保群众 as 参保群众).
 */
function readingsMeet(a: Figure, b: Figure, text: string): boolean {
  const named = (f: Figure, other: Figure) => headNamedIn(f, other, text);
  const words = (f: Figure) => [...f.quantity.thing, f.quantity.verb].filter((w) => w.length >= 2);
  const wb = words(b);
  const head = (f: Figure) => f.quantity.thing[f.quantity.thing.length - 1] ?? '';
  // 报名人数 / 报名者: the doers named by what they did.
  const startsHead = (w: string, h: string) => w.length >= 2 && h.length > w.length && h.startsWith(w);
  const wa = words(a);
  return (
    named(a, b) ||
    named(b, a) ||
    wa.some((w) => wb.includes(w) || startsHead(w, head(b))) ||
    wb.some((w) => startsHead(w, head(a))) ||
    totalOfSame(a.quantity.thing.join(''), b.quantity.thing.join('')) ||
    oneRoot(head(a), head(b))
  );
}

/** Two heads of two characters on one root name one thing two ways (投资 / 投入, 收入 / 收益). */
function oneRoot(a: string, b: string): boolean {
  return a.length === 2 && b.length === 2 && a !== b && a[0] === b[0];
}

/**
 * Two heads that name two things (产值 / 增加值, 进口额 / 出口额), unless they count people: each of two characters or more,
 * neither inside the other, neither written in the other's clause, and not one with 总 added.
 */
function headsContrast(a: Figure, b: Figure, text: string): boolean {
  // People go by many names (参保人数 / 参保群众 / 参保人员).
  if (unitClass(a.unit) === '人') return false;
  const ha = a.quantity.thing[a.quantity.thing.length - 1] ?? '';
  const hb = b.quantity.thing[b.quantity.thing.length - 1] ?? '';
  if (ha.length < 2 || hb.length < 2 || ha.includes(hb) || hb.includes(ha)) return false;
  if (oneRoot(ha, hb)) return false;
  if (text.slice(a.clause.start, a.clause.end).includes(hb) || text.slice(b.clause.start, b.clause.end).includes(ha)) return false;
  return !totalOfSame(a.quantity.thing.join(''), b.quantity.thing.join(''));
}

/** 粮食总产量 / 粮食产量: one is the other with 总 (the total) written in it. */
function totalOfSame(a: string, b: string): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  const at = long.indexOf('总');
  return short.length >= 3 && long.length === short.length + 1 && at > 0 && long.slice(0, at) + long.slice(at + 1) === short;
}

/**
 * A figure whose sentence names no time is read as of the period the draft is about; but when the
 * draft gives the quantity for two periods of the present (国庆假期 and 前三季度), which one it
 * means is unclear, and its value is compared with neither.
 */
function periodUnclear(anchored: Figure, unanchored: Figure, scene: DraftScene): boolean {
  const q = anchored.quantity;
  for (const [time, figures] of scene.byTime.get(unitClass(anchored.unit)) ?? []) {
    if (time === q.time || !sameTimeInDraft(time, '', scene.time) || sameTimeInDraft(time, q.time, scene.time)) continue;
    for (const g of figures.slice(0, MAX_PERIOD_LOOKS)) {
      const p = g.quantity;
      if (!unitsAgree(g.unit, anchored.unit) || p.measure !== q.measure || p.plan !== q.plan || p.per !== q.per || p.part !== q.part) continue;
      // The same quantity, as conflictInDraft reads one: its thing and its verb (1千余名护士参加培训 is no count of 注册护士).
      if (!verbsAgree(p.verb, q.verb)) continue;
      if (thingsAgree(p, q) || thingsAgree(p, unanchored.quantity)) return true;
    }
  }
  return false;
}

/**
 * A later mention that names no time, of the same thing, written with the earlier dated figure's own
 * digits transposed or a 万/亿 slip (去年…收入达到12.8亿元 … 12.8万元收入里): the writer is retelling
 * that figure, not giving the present's, unless the draft gives the quantity for another period too.
 */
function retoldWithoutTime(earlier: Figure, later: Figure, scene: DraftScene): boolean {
  if (later.quantity.time !== '' || earlier.quantity.time === '' || later.quantity.reached) return false;
  const slip = slipBetween(earlier.value, later.value);
  if (slip !== 'transposed' && slip !== 'magnitude') return false;
  return thingsAgree(earlier.quantity, later.quantity) && !periodUnclear(earlier, later, scene);
}

/** Units of shares and multiples: 80%的企业 counts a part of a thing, not the thing. */
const SHARE_UNITS = new Set(['%', '‰', '倍', '百分点', '个百分点']);

/**
 * A later figure written as an attribute of its thing (2.8万人次的培训规模, 这支已达1360人的志愿者队伍),
 * with no time or place of its own, names a quantity the draft gave before: the words after 的 hold
 * a word of the earlier thing or action (35万元的小单 is another thing).
 */
function retoldAsAttribute(earlier: Figure, later: Figure, text: string): boolean {
  const b = later.quantity;
  if (text[later.end] !== '的' || b.time || b.scope || b.reached || SHARE_UNITS.has(later.unit)) return false;
  const after = /^[\u4e00-\u9fff]{1,8}/.exec(text.slice(later.end + 1))?.[0] ?? '';
  return [...earlier.quantity.thing, earlier.quantity.verb].some((w) => w.length >= 2 && after.includes(w));
}

/**
 * The two figures' actions agree, or one's is written in the other's clause: jieba may read the
 * wrong word as the verb (抢修受损道路318公里: 受损; 已抢修的378公里道路: 抢修).
 */
function verbsMeet(earlier: Figure, later: Figure): boolean {
  const a = earlier.quantity.verb;
  const b = later.quantity.verb;
  return verbsAgree(a, b) || (a.length >= 2 && later.subject.includes(a)) || (b.length >= 2 && earlier.subject.includes(b));
}

/** Close enough to call a different value of the same words a conflict without a slip between them. */
const RESTATED_OVERLAP = 0.8;


/** `q`'s thing opens with a modifier that `other`'s thing lacks, and that is not the other's place (常德 / 常德市). */
function ownLeadingModifier(q: Quantity, other: Quantity, otherPlace: string): boolean {
  const first = q.thing[0];
  return q.thing.length > 1 && q.modifiers.includes(first) && !other.thing.includes(first) && !samePlace(first, otherPlace);
}

/** How many places of a level (县, 市) the draft's figures name, its own aside. */
function placesOfLevel(scene: DraftScene, level: string): number {
  let n = 0;
  for (const place of scene.places) if (placeLevel(place) === level && !isHome(scene, place)) n++;
  return n;
}

/** The draft's figures name a place besides `place` and its own. */
function otherPlaceNamed(scene: DraftScene, place: string): boolean {
  for (const other of scene.places) if (!samePlace(other, place) && !isHome(scene, other)) return true;
  return false;
}

/** One place named with its level and without (湄潭 / 湄潭县), or alike. */
function samePlace(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  return short.length >= 2 && long.startsWith(short) && placeLevel(long) === long.slice(short.length);
}

/** The draft's own place, named with its level or without. */
function isHome(scene: DraftScene, scope: string): boolean {
  if (!scope || scene.home.has(scope)) return true;
  for (const h of scene.home) if (samePlace(h, scope)) return true;
  return false;
}

/** Whether a later figure of a draft gives an earlier one's quantity another value. */
export function conflictInDraft(earlier: Figure, later: Figure, scene: DraftScene, text: string): DraftConflict | undefined {
  if (earlier.sentence === later.sentence || earlier.kind === 'words' || later.kind === 'words' || earlier.range || later.range) return undefined;
  if (!unitsAgree(earlier.unit, later.unit)) return undefined;
  const a = earlier.quantity;
  const b = later.quantity;
  if (a.plan !== b.plan || a.part !== b.part || a.per !== b.per || a.measure !== b.measure || !verbsMeet(earlier, later)) return undefined;
  if (a.basis && b.basis && a.basis !== b.basis) return undefined;
  if (!sameTimeInDraft(a.time, b.time, scene.time) && !retoldWithoutTime(earlier, later, scene)) return undefined;
  // Two places named, and not one place named two ways: a comparison, even when one is the draft's own.
  if (a.scope && b.scope && !samePlace(a.scope, b.scope)) return undefined;
  let sa = isHome(scene, a.scope) ? '' : a.scope;
  let sb = isHome(scene, b.scope) ? '' : b.scope;
  // A later “N的X” names no place of its own: it is the earlier figure's.
  const attribute = retoldAsAttribute(earlier, later, text);
  if (attribute) sb = sa;
  if (sa && sb && samePlace(sa, sb)) sa = sb = '';
  if (sa && sb && sa !== sb) return undefined;
  // 全市 beside a named place: the same place when it is a city too (全市 / 北京市), unless the draft
  // names other places of that level (安吉县 and 德清县 beside 全县 are its neighbours); a part of it
  // when it is of another level (全省 / 江北市, 全市 / 城东区).
  const level = placeLevel(sa || sb);
  const whole = sa ? b.whole : a.whole;
  if (sa !== sb && level && whole) {
    if (level !== whole || placesOfLevel(scene, level) > 1) return undefined;
    sa = sb = '';
  }
  if (!valuesDisagree(earlier, later) || roundedFrom(earlier.value, later.value)) return undefined;
  // Digits mistyped are digits typed: a count in Chinese numerals (十二所) is no slip of 412所.
  const slip = earlier.numeral === later.numeral ? slipBetween(earlier.value, later.value) : undefined;
  // Two readings of the thing may differ where jieba cut the words differently (中小学校 / 中小学,
  // 72个4A级以上景区): digits moved around, and the readings meeting (or transposed digits where one
  // side found no thing at all), then say it is one thing.
  // One digit changed is evidence enough only where both name the one time outright and one's head is
  // written in the other's clause (小剧场演出场次…1.6万场 / 上演的1.9万场小剧场演出).
  const strongSlip = slip !== undefined && (slip !== 'digit' || (a.time !== '' && a.time === b.time && headNamedInOther(earlier, later, text)));
  // The same three digits or more under 万 and 亿 (217亿元 / 217万元) are one figure mistyped, however
  // the clause around them was read.
  const sameDigits = slip === 'magnitude' && significantDigits(earlier.value) >= 3;
  if (!attribute && !thingsAgree(a, b) && !(strongSlip && (sameDigits || !modifiersContrast(a, b)) && !headsContrast(earlier, later, text) && (readingsMeet(earlier, later, text) || (slip === 'transposed' && !(a.thing.length && b.thing.length))))) {
    return undefined;
  }
  if (valueRecurs(scene, later.sentence, later, earlier.value) || valueRecurs(scene, earlier.sentence, earlier, later.value)) return undefined;
  // 2019年…只有126个 … 后来发展到162个: the level reached came later than the anchored one.
  if (a.time !== b.time && ((a.time === '' && a.reached) || (b.time === '' && b.reached))) return undefined;
  if (a.time !== b.time && (a.time === '' || b.time === '') && periodUnclear(a.time === '' ? later : earlier, a.time === '' ? earlier : later, scene)) return undefined;
  // One names a place and the other none: the same quantity only when the digits are the same ones,
  // and when the other puts no word of its own before the thing: 宝鸡个体工商户 beside 湖州个体工商户
  // names a second place jieba did not tag as one, and two places with two values are a comparison.
  // A draft that names another place too (北京、上海等地) compares them with its own.
  if (sa !== sb) return slip === 'transposed' && !ownLeadingModifier(sa ? b : a, sa ? a : b, sa || sb) && !otherPlaceNamed(scene, sa || sb) ? slip : undefined;
  if (slip) return slip;
  if (attribute) return 'restated';
  const restated = a.time === b.time && a.verb === b.verb && a.thing.join('') === b.thing.join('') && overlap(earlier.subject, later.subject) >= RESTATED_OVERLAP;
  return restated ? 'restated' : undefined;
}

/**
 * A figure that repeats one an earlier sentence of the draft sourced: the same value and unit, of
 * the same thing or of none named (然而，8.02亿这个数字…). Another value of it is figure-conflict's
 * business (figure-unsourced leaves what figure-conflict pairs with a sourced figure to it).
 */
export function restatesSourced(f: Figure, sourced: ReadonlyMap<string, readonly Figure[]>): boolean {
  if (f.kind === 'words') return false;
  return (sourced.get(`${f.unit}|${f.value}`) ?? []).some((g) => g.kind !== 'words' && g.sentence !== f.sentence && (!f.quantity.thing.length || thingsAgree(g.quantity, f.quantity)));
}

/** Words of `a` that `b` shares (time words excluded): names the quantity in messages. */
export function quantityName(a: Figure, b: Figure): string {
  const thing = a.quantity.thing.join('');
  if (thing && thingsAgree(a.quantity, b.quantity)) return thing.length >= b.quantity.thing.join('').length ? thing : b.quantity.thing.join('');
  return sharedSubject(a.subject, b.subject).shared.slice(0, 3).join('');
}

/** A published figure with what comparing it needs, worked out once per profile. */
interface Published {
  p: PublishedFigure;
  /** Position in profile.house.figures: candidates are tried in profile order. */
  index: number;
  /** The year it names, an article's 今年 resolved with the date in its file name. */
  year?: number;
  legacy: boolean;
  /** Its value's digits, for the slip test against many draft values. */
  digits: Digits;
}

/** The profile's published figures by what can make one a candidate for a draft's figure. */
interface PublishedIndex {
  byClause: Map<string, Published[]>;
  /** `${unitClass}|${year}|${last character of the thing's head}` */
  byYear: Map<string, Published[]>;
  /** `${unit}|${value}` */
  byValue: Map<string, Published[]>;
  /** Figures of profiles learned before identities were kept, by unit class. */
  legacyByUnit: Map<string, Published[]>;
  /** Unit class → value → the figures printed with it, for figures beside a draft's (coFigure). */
  byClassValue: Map<string, Map<number, Published[]>>;
  /** Unit class → slip key (publishedSlipKeys): where values a slip away are looked for. */
  bySlipKey: Map<string, Map<string, Published[]>>;
  /** Unit class → value → the figures whose value equals it or is a slip away from it, filled on use; with a changed digit or without. */
  nearValue: Map<string, Map<number, Published[]>>;
  nearValueChanged: Map<string, Map<number, Published[]>>;
}

const indexCache = new WeakMap<Profile, PublishedIndex>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The list under `inner` of the map under `outer`, made when missing. */
function push2<K1, K2, V>(map: Map<K1, Map<K2, V[]>>, outer: K1, inner: K2, value: V): void {
  let byInner = map.get(outer);
  if (!byInner) map.set(outer, (byInner = new Map()));
  push(byInner, inner, value);
}

function publishedIndex(profile: Profile): PublishedIndex {
  let index = indexCache.get(profile);
  if (index) return index;
  index = { byClause: new Map(), byYear: new Map(), byValue: new Map(), legacyByUnit: new Map(), byClassValue: new Map(), bySlipKey: new Map(), nearValue: new Map(), nearValueChanged: new Map() };
  const aliases = aliasMap(profile, []);
  profile.house.figures.forEach((p, i) => {
    const entry: Published = { p, index: i, year: resolvedYear(p.time ?? '', yearOfPath(p.file)), legacy: isLegacy(p), digits: digitsWithDecimals(p.value) };
    const unit = unitClass(p.unit);
    if (p.clause) push(index.byClause, p.clause, entry);
    const thing = p.thing ?? [];
    const named = { thing, modifiers: p.modifiers ?? thing.slice(0, -1) };
    const read = withFullNames(named, aliases);
    if (read !== named) identities.set(p, { ...read, verb: p.verb ?? '' });
    const head = read.thing[read.thing.length - 1];
    if (entry.year !== undefined && head) push(index.byYear, `${unit}|${entry.year}|${head[head.length - 1]}`, entry);
    push(index.byValue, `${p.unit}|${p.value}`, entry);
    push2(index.byClassValue, unit, p.value, entry);
    if (entry.legacy) push(index.legacyByUnit, unit, entry);
    else for (const key of publishedSlipKeys(slipForm(p.value))) push2(index.bySlipKey, unit, key, entry);
  });
  indexCache.set(profile, index);
  return index;
}

/**
 * The published figures that can state a draft figure's quantity: its clause restated, the same
 * explicit year, a value a slip away, or (older profiles) the same unit; units agreeing.
 */
function conflictCandidates(f: Figure, index: PublishedIndex, draftYear: number | undefined, beside: readonly Figure[]): Published[] {
  const unit = unitClass(f.unit);
  const lists: (Published[] | undefined)[] = [f.clauseKey ? index.byClause.get(f.clauseKey) : undefined];
  const head = f.quantity.thing[f.quantity.thing.length - 1];
  if (draftYear !== undefined && head) {
    // Heads that can agree (thingsAgree) end alike, or one adds a tail (中小学 / 中小学校).
    const ends = new Set([head[head.length - 1]]);
    for (const tail of HEAD_TAILS) {
      ends.add(tail[tail.length - 1]);
      if (head.length > tail.length && head.endsWith(tail)) ends.add(head[head.length - tail.length - 1]);
    }
    for (const end of ends) lists.push(index.byYear.get(`${unit}|${draftYear}|${end}`));
  }
  if (index.legacyByUnit.size && legacyYears(f.subject)) lists.push(index.legacyByUnit.get(unit));
  // A retelling needs a thing to agree on or enough words to recognise (retold).
  if (f.quantity.thing.length || f.subject.length >= RETOLD_SHARED_WORDS) lists.push(nearValue(index, unit, f.value, beside.length > 0 || significantDigits(f.value) >= LONG_VALUE_DIGITS));
  const found = lists.filter((l): l is Published[] => l !== undefined);
  if (found.length === 1) return found[0].filter((e) => unitsAgree(e.p.unit, f.unit));
  const seen = new Set<number>();
  const out: Published[] = [];
  for (const list of found) {
    for (const e of list) {
      if (seen.has(e.index) || !unitsAgree(e.p.unit, f.unit)) continue;
      seen.add(e.index);
      out.push(e);
    }
  }
  return out;
}

/**
 * Significant digits from which one digit changed is a slip however a retelling was recognised: two
 * figures of one thing rarely differ in one place of four by chance (711.3亿 / 701.3亿), while
 * 150个 / 160个 is as often a later count.
 */
const LONG_VALUE_DIGITS = 4;

/**
 * A value's digits with two decimals (36.2 → '3620'): one form for all, in which a slip is one of
 * characters (figures with more decimals are found by the first two).
 */
function slipForm(v: number): string {
  return Math.abs(v).toFixed(2).replace('.', '').replace(/^0+(?=.)/, '');
}

const sortedChars = (s: string) => [...s].sort().join('');

/**
 * Keys that file a published value under the values a slip away from it: its digits sorted (any
 * order of them), each digit masked (one changed), each digit dropped (the draft dropped one), and
 * the form itself (the draft added one).
 */
function publishedSlipKeys(form: string): string[] {
  const keys = [`t${sortedChars(form)}`, `f${form}`];
  for (let i = 0; i < form.length; i++) keys.push(`c${form.slice(0, i)}*${form.slice(i + 1)}`, `d${form.slice(0, i)}${form.slice(i + 1)}`);
  return keys;
}

/**
 * The keys a draft value looks up, matching publishedSlipKeys; one digit changed only when asked
 * (a retelling holds a changed digit only with figures beside it).
 */
function draftSlipKeys(form: string, changed: boolean): string[] {
  const keys = [`t${sortedChars(form)}`, `d${form}`];
  for (let i = 0; i < form.length; i++) {
    keys.push(`f${form.slice(0, i)}${form.slice(i + 1)}`);
    if (changed) keys.push(`c${form.slice(0, i)}*${form.slice(i + 1)}`);
  }
  return keys;
}

/** The published figures of a unit class whose value equals `value` or is a slip away from it (cached per profile). */
function nearValue(index: PublishedIndex, unit: string, value: number, changed: boolean): Published[] {
  const cache = changed ? index.nearValueChanged : index.nearValue;
  let known = cache.get(unit);
  if (!known) cache.set(unit, (known = new Map()));
  let near = known.get(value);
  if (near) return near;
  near = [];
  // A common value (10个, 100%) is filed under hundreds of published figures: a set, not a scan of `near`, keeps them once.
  const taken = new Set<Published>();
  const byValue = index.byClassValue.get(unit);
  const bySlip = index.bySlipKey.get(unit);
  const add = (list: Published[] | undefined, check: boolean) => {
    if (!list) return;
    digits ??= digitsWithDecimals(value);
    for (const e of list) {
      if (e.legacy || taken.has(e) || (check && slipBetweenDigits(e.p.value, value, e.digits, digits) === undefined)) continue;
      taken.add(e);
      near!.push(e);
    }
  };
  let digits: Digits | undefined;
  if (byValue) {
    // The same value, or the same digits under another magnitude word.
    add(byValue.get(value), false);
    for (const r of MAGNITUDE_RATIOS) {
      add(byValue.get(Number((value * r).toPrecision(12))), false);
      add(byValue.get(Number((value / r).toPrecision(12))), false);
    }
  }
  if (bySlip) for (const k of draftSlipKeys(slipForm(value), changed)) add(bySlip.get(k), true);
  known.set(value, near);
  return near;
}

/** How far apart (characters) two published figures may stand and still be one passage's. */
const CO_FIGURE_SPAN = 200;

/**
 * Another figure of the draft's sentence was printed, with the same value, close to `p` in its
 * article: the draft retells that passage (建成驿站86个、配备护理员1270名 retold as 建成86个驿站，
 * 护理员1720名 keeps 86个).
 */
function coFigure(p: PublishedFigure, beside: readonly Figure[], index: PublishedIndex): boolean {
  for (const g of beside) {
    if (g.kind === 'words' || g.range) continue;
    for (const e of index.byClassValue.get(unitClass(g.unit))?.get(g.value) ?? []) {
      if (e.p !== p && e.p.file === p.file && Math.abs(e.p.offset - p.offset) <= CO_FIGURE_SPAN) return true;
    }
  }
  return false;
}

/** Digits a value needs before transposed digits alone tie a short thing to a published one. */
const MIN_PLACE_SLIP_DIGITS = 3;

/** Shared clause words at least, and share of the larger clause, for a retelling recognised by its words alone. */
const RETOLD_SHARED_WORDS = 3;
const RETOLD_OVERLAP = 0.75;

/**
 * A draft figure that retells a published one in other words, with no year to tie them: the same
 * quantity (identity, or the clause nearly word for word), and the passage recognisable (another
 * figure of the sentence printed beside it, or most of the clause's words).
 */
function retold(f: Figure, p: PublishedFigure, beside: readonly Figure[], index: PublishedIndex, home: ReadonlySet<string>): Retelling | undefined {
  const q = f.quantity;
  const identity = identityAgrees(f, p);
  if (!identity && !((p.measure ?? 'level') === q.measure && Boolean(p.plan) === q.plan && Boolean(p.part) === q.part && Boolean(p.per) === q.per)) return undefined;
  if (identity && coFigure(p, beside, index)) return 'beside';
  const { shared, sizeA, sizeB } = sharedSubject(f.subject, p.subject);
  const share = shared.length / Math.max(sizeA, sizeB, 1);
  // Or the published clause's words nearly all in the draft's, which adds what the article said in
  // the clause before (在第二届进博会上，累计意向成交金额… / 第二届进博会累计意向成交金额…).
  const contained = shared.length > RETOLD_SHARED_WORDS && shared.length / Math.max(Math.min(sizeA, sizeB), 1) >= RETOLD_OVERLAP;
  if ((shared.length < RETOLD_SHARED_WORDS || share < RETOLD_OVERLAP) && !contained) {
    // A thing of two words or more named alike (老旧燃气管网), or of four characters in one place
    // named alike (呼和浩特…常住人口): recognisable by itself.
    const named = publishedIdentity(p).thing.filter((w) => q.thing.includes(w));
    // A figure naming no place is of the draft's own (呼和浩特…热线办结率).
    const place = q.scope || (p.scope !== undefined && [...home].some((h) => samePlace(h, p.scope!)) ? p.scope : '');
    const inPlace = place !== '' && place !== '全国' && p.scope !== undefined && samePlace(place, p.scope);
    if (identity && (named.length >= 2 || (inPlace && named.join('').length >= 4))) return 'thing';
    // A short thing (居民) in the article's own place: recognisable only by digits moved around.
    return identity && inPlace && named.join('').length >= 2 ? 'place' : undefined;
  }
  if (identity) return 'words';
  // The same kind of quantity in nearly the same words, however its thing was read.
  return share >= RESTATED_OVERLAP ? (coFigure(p, beside, index) ? 'beside' : 'words') : undefined;
}

/**
 * How a retelling was recognised: figures printed beside it, most of its clause's words, a thing of
 * several words, or a short thing in the published article's own place.
 */
type Retelling = 'beside' | 'words' | 'thing' | 'place';

/** Published identities with the profile's abbreviations read as full names (publishedIndex fills it). */
const identities = new WeakMap<PublishedFigure, Identity>();

function publishedIdentity(p: PublishedFigure): Identity {
  const known = identities.get(p);
  if (known) return known;
  const thing = p.thing ?? [];
  return { thing, modifiers: p.modifiers ?? thing.slice(0, -1), verb: p.verb ?? '' };
}

/** The same quantity in the draft and a published article, by identity: thing, action, measure, place. */
function identityAgrees(f: Figure, p: PublishedFigure): boolean {
  const q = f.quantity;
  if ((p.measure ?? 'level') !== q.measure || Boolean(p.plan) !== q.plan || Boolean(p.part) !== q.part || Boolean(p.per) !== q.per) return false;
  if (p.basis && q.basis && p.basis !== q.basis) return false;
  if (!thingsAgree(q, publishedIdentity(p)) || !verbsAgree(q.verb, p.verb ?? '')) return false;
  // 全市 in another article is another city: only two named places that differ tell scopes apart (重庆 and 重庆市 do not).
  return !(q.scope && p.scope && !samePlace(q.scope, p.scope));
}

/** A published figure from a profile learned before quantity identities were kept. */
function isLegacy(p: PublishedFigure): boolean {
  return p.thing === undefined && p.clause === undefined && p.time === undefined && p.verb === undefined && p.scope === undefined && p.measure === undefined;
}

/** Sorted explicit years among a subject's words ('' when it has a relative one, 今年, which another article's date changes). */
function legacyYears(subject: readonly string[]): string {
  const times = [...new Set(timeWords(subject))].sort();
  return times.some((w) => !/^[0-9]{4}年$/.test(w)) ? '' : times.join('|');
}

/** For profiles without identities: the same explicit years and nearly the same clause words (three at least). */
function legacySameQuantity(f: Figure, p: PublishedFigure): boolean {
  const years = legacyYears(f.subject);
  if (!years || years !== legacyYears(p.subject)) return false;
  return overlap(f.subject, p.subject) >= RESTATED_OVERLAP && sharedSubject(f.subject, p.subject).shared.length >= 3;
}

/**
 * A published figure of the same quantity whose value the draft restates with another value, when
 * no published figure of that quantity agrees with it. Recognised two ways:
 * - the draft copies the published clause with a figure changed (clause keys equal), and the
 *   years, where both are known, are one; with no year in the draft only a slip says it is a slip;
 * - the draft words it otherwise but names the same quantity (identity), the same explicit year,
 *   and much of the same clause; another value then needs a slip, or the clause near word for word.
 * Profiles learned before identities were kept fall back to the last: same year, clause words.
 */
export function findPublishedConflict(f: Figure, profile: Profile | undefined, beside: readonly Figure[] = [], home: ReadonlySet<string> = new Set()): PublishedFigure | undefined {
  if (!profile || f.kind === 'words' || f.range) return undefined;
  const draftYear = resolvedYear(f.quantity.time);
  const index = publishedIndex(profile);
  let conflicting: PublishedFigure | undefined;
  // Files that printed a value agreeing with the draft's for the quantity (from its 1列 to its 120列).
  const agreeing = new Set<string>();
  // The first in profile order is reported, however the candidates were found.
  let conflictingIndex = Infinity;
  // The draft value's digits, for the slip tests against each candidate's (worked out once per profile).
  let digits: Digits | undefined;
  for (const { p, year, legacy, index: order, digits: publishedDigits } of conflictCandidates(f, index, draftYear, beside)) {
    if (draftYear !== undefined && year !== undefined && draftYear !== year) continue;
    // A draft sentence naming no time may retell a figure of any part of a year.
    if (f.quantity.time && !partAgreesWithPublished(f.quantity.time, p.time ?? '', p.file)) continue;
    const restated = f.clauseKey !== '' && f.clauseKey === p.clause;
    const sameYear = draftYear !== undefined && draftYear === year;
    let same: boolean;
    // Retold without a year to tie it: only a slip between the values says it is a slip.
    let slipNeeded = false;
    let retelling: Retelling | undefined;
    if (legacy) same = legacySameQuantity(f, p);
    else if (restated) same = identityAgrees(f, p) || overlap(f.subject, p.subject) >= 0.5;
    else if (sameYear && identityAgrees(f, p) && overlap(f.subject, p.subject) >= 0.5) same = true;
    else {
      retelling = retold(f, p, beside, index, home);
      same = slipNeeded = retelling !== undefined;
    }
    if (!same) continue;
    const published: Valued = { value: p.value, qualifier: p.qualifier ?? 'exact' };
    if (!valuesDisagree(f, published)) {
      // The draft restates this very figure correctly: nothing to report.
      if (restated && sameValue(f.value, p.value)) return undefined;
      agreeing.add(p.file);
      continue;
    }
    digits ??= digitsWithDecimals(f.value);
    const slip = slipBetweenDigits(f.value, p.value, digits, publishedDigits);
    if (roundedFrom(f.value, p.value)) continue;
    // Retold in other words: a digit changed is as often a later count (150个 / 160多个) as a slip,
    // unless the figures printed beside it say it is the same passage, or the values are long
    // enough for one place in four to differ by chance but rarely; a bound against another kind
    // of bound or an exact value (160多个 / 150个) is too loose to hold.
    // Recognised by its thing alone, only digits moved around or a wrong magnitude word will do.
    const longValues = significantDigits(f.value) >= LONG_VALUE_DIGITS && significantDigits(p.value) >= LONG_VALUE_DIGITS;
    const digitSlip = retelling === 'beside' || (longValues && retelling !== 'place');
    if (slipNeeded && (!slip || (slip === 'digit' && !digitSlip) || (retelling === 'thing' && slip === 'extra-digit') || f.qualifier !== (p.qualifier ?? 'exact'))) continue;
    if (retelling === 'place' && !(slip === 'transposed' && digits.digits.length >= MIN_PLACE_SLIP_DIGITS)) continue;
    // The same clause with no year on either side to tell two years' figures apart: a single digit
    // changed says slip even in a short number (建成74家 / 建成79家).
    const undated = draftYear === undefined && year === undefined;
    const evidence = legacy || (restated ? slip !== undefined || sameYear || (undated && oneDigitChanged(digits, publishedDigits)) : slip !== undefined || overlap(f.subject, p.subject) >= RESTATED_OVERLAP);
    if (evidence && order < conflictingIndex) {
      conflicting = p;
      conflictingIndex = order;
    }
  }
  // The article also printed a value that agrees (从2021年的1列到2024年的120列 gives both): no conflict.
  // Other articles' agreeing values do not cancel it: a bound (近41亿) agrees with many figures.
  return conflicting && !agreeing.has(conflicting.file) ? conflicting : undefined;
}

/**
 * A published figure with the same value and unit that the draft repeats: its clause restated, or
 * a subject that overlaps (at least two shared words, or all of a one-word subject). The best
 * overlap wins; ties keep profile order.
 */
export function findPublishedMatch(f: Figure, profile: Profile | undefined): PublishedFigure | undefined {
  if (!profile || f.kind === 'words') return undefined;
  let best: PublishedFigure | undefined;
  let bestShared = 0;
  for (const { p } of publishedIndex(profile).byValue.get(`${f.unit}|${f.value}`) ?? []) {
    if ((p.qualifier ?? 'exact') !== f.qualifier) continue;
    if (f.clauseKey !== '' && f.clauseKey === p.clause) return p;
    const { shared, sizeA, sizeB } = sharedSubject(f.subject, p.subject);
    const needed = Math.min(2, sizeA, sizeB);
    if (needed < 1 || shared.length < needed || shared.length <= bestShared) continue;
    best = p;
    bestShared = shared.length;
  }
  return best;
}

export function publishedRef(p: PublishedFigure): PublishedFigureRef {
  const date = dateOfPath(p.file);
  return { headline: p.headline, file: p.file, offset: p.offset, value: p.value, unit: p.unit, subject: p.subject, ...(date ? { date } : {}) };
}

/**
 * Where a published figure was printed, as messages name it: 本报 for the house's own archive, the
 * corpus's name for another one the profile holds figures of (the default profile holds both).
 */
export function publishedWhere(p: PublishedFigure, profile: Profile): string {
  const date = dateOfPath(p.file);
  const source = p.file.slice(0, Math.max(0, p.file.indexOf('/')));
  const own = !source || !profile.house.sources.length || profile.house.sources.some((s) => s.name === source);
  return `${own ? '本报' : `语料库 ${source} 中`}${date ? `${date} ` : ''}已发表的《${p.headline}》`;
}

/** A sentence as hovers quote it: whole when short, else the part around the figure. */
const QUOTED_SENTENCE_CHARS = 80;

export function quotedSentence(text: string, sentence: { start: number; end: number }, figure: { start: number; end: number }): string {
  if (sentence.end - sentence.start <= QUOTED_SENTENCE_CHARS) return text.slice(sentence.start, sentence.end);
  const half = (QUOTED_SENTENCE_CHARS - (figure.end - figure.start)) >> 1;
  const from = Math.max(sentence.start, figure.start - half);
  const to = Math.min(sentence.end, figure.end + half);
  return `${from > sentence.start ? '…' : ''}${text.slice(from, to)}${to < sentence.end ? '…' : ''}`;
}

export interface FigureEvidenceExtra {
  published?: PublishedFigure;
  conflictsWith?: PublishedFigure;
  /** This figure's sentence, and the other figure of the draft it conflicts with. */
  sentence?: string;
  other?: { raw: string; sentence: string; line: number };
}

/** The hover evidence of a figure. */
export function figureEvidence(f: Figure, extra: FigureEvidenceExtra = {}): Evidence {
  return {
    kind: 'figure',
    value: f.value,
    unit: f.unit,
    raw: f.raw,
    subject: f.subject,
    ...(f.attribution ? { attribution: f.attribution.cue } : {}),
    ...(extra.published ? { published: publishedRef(extra.published) } : {}),
    ...(extra.conflictsWith ? { conflictsWith: publishedRef(extra.conflictsWith) } : {}),
    ...(extra.sentence ? { sentence: extra.sentence } : {}),
    ...(extra.other ? { conflictsWithDraft: extra.other } : {}),
  };
}

/** A figure as a reader writes it: 30万人次, 5%, 3639000 → 363.9万. */
export function formatValue(value: number, unit: string): string {
  const abs = Math.abs(value);
  const scaled = (divisor: number, suffix: string) => `${Number((value / divisor).toPrecision(12))}${suffix}`;
  const text = unit === '%' ? String(value) : abs >= 1e12 ? scaled(1e12, '万亿') : abs >= 1e8 ? scaled(1e8, '亿') : abs >= 1e4 ? scaled(1e4, '万') : String(value);
  return `${text}${unit}`;
}

/** A place a body is named after, where the name starts: 据泉州市文化广电和旅游局 → 泉州市. */
const BODY_PLACE = /(?:^|[据由经向和与在，。；：、“（\s])((?![据由经向和与在])[\u4e00-\u9fff]{2,4}[省市县区])(?=[\u4e00-\u9fff]{0,10}?(?:局|委员会|委|办公室|厅|中心|政府))/gm;

/**
 * The one place the draft's bodies are named after (泉州市统计局, 泉州市文旅局), when the text names
 * it at least as often as any place of its level that its figures name: whose 全市 the draft writes.
 */
function bodiesPlace(text: string, figures: readonly Figure[]): string | undefined {
  const bodies = new Set([...text.matchAll(BODY_PLACE)].map((m) => m[1]));
  if (bodies.size !== 1) return undefined;
  const place = [...bodies][0];
  const name = place.slice(0, -1);
  const named = countIn(text, name);
  // Only a place of the same level can be whose 全市 (全县) it is: a 镇 inside the city is none.
  const rivals = figures.map((f) => f.quantity.scope).filter((s) => s !== '' && placeLevel(s) === placeLevel(place) && !samePlace(s, place));
  return named >= 2 && rivals.every((s) => countIn(text, s) <= named) ? place : undefined;
}

/** The draft's present (its latest year) and its own places (those its headline names, and the place it is about). */
export function sceneOf(doc: ParsedDraft, figures: readonly Figure[]): DraftScene {
  const home = new Set<string>();
  if (doc.headline) for (const t of doc.tokensIn(doc.headline)) if (t.tag === 'ns') home.add(t.word);
  for (const about of [placeAbout(doc.text, figures), bodiesPlace(doc.text, figures)]) if (about) home.add(about);
  const bySentence = new Map<number, Figure[]>();
  for (const f of figures) {
    const list = bySentence.get(f.sentence);
    if (list) list.push(f);
    else bySentence.set(f.sentence, [f]);
  }
  // A plan's year (到2026年底) is the future, not the draft's present.
  const keys = figures.filter((f) => !f.quantity.plan).map((f) => f.quantity.time);
  const places = new Set(figures.filter((f) => !f.quantity.part).map((f) => f.quantity.scope).filter((s) => s !== '' && s !== '全国'));
  return { time: draftTime(keys, PRESENT_WORDS.test(doc.text)), home, places, bySentence, byTime: figuresByTime(figures) };
}
