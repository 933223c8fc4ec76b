// What quantity a figure measures, read from its sentence's jieba tokens: the counted thing (the
// noun phrase its measure word attaches to, before or after the number: 社区食堂总数达到46个 and
// 全区64个社区食堂 both count 社区食堂), the action counted (发放, 建成), whether it is a stock, a
// new addition, a change or a share, where (scope) and when (time anchor), whether it is a part of
// a whole named before (其中…), and whether the sentence reports a fact or states a plan.
//
// jieba's tags are a guide, not the truth (充电/v 桩/q, 新建/ns, 共设/x): words decide first, tags
// second, and a verb between two nouns is read as part of the noun phrase (公共充电桩).

import type { Sentence } from '../parse/draft';
import type { Token } from '../text/segmenter';
import type { Span } from '../types';
import { timeKeyBefore, type TimeAnchor } from './time';
import { partitionPoint } from '../text/partition';

/** level: a stock or a value (总数达到, 为, 增至); new: added in the period (新增, 新建); up/down: a change; share: a part of a whole (占, N%的X). */
export type Measure = 'level' | 'new' | 'up' | 'down' | 'share';

export interface Quantity {
  /** Words of the counted thing, head last (['社区', '食堂']); [] when none was found. */
  thing: string[];
  /** Words of `thing` that are modifiers a reader would contrast (护理型 vs 养老): nouns, kinds, unknown words. */
  modifiers: string[];
  /** The action counted (发放, 建成), '' when the sentence only says 达到, 为, 有. */
  verb: string;
  measure: Measure;
  /** Place the figure is scoped to: '' for none or the draft's own place (全市, 全区), '全国', or a place name. */
  scope: string;
  /** The level of the draft's own place when the scope says 全市, 全省 ('市', '省'), else ''. */
  whole: string;
  /** Time anchor key (time.ts). */
  time: string;
  /** Counts part of a whole given before (其中…). */
  part: boolean;
  /** A target, plan or forecast (目标, 力争, 计划, 预计, 将), not a reported fact. */
  plan: boolean;
  /**
   * The level a change reached (增加到, 发展到, 变成) from a start its sentence does not give: later
   * than some figure before it. (从去年的31个增加到64个 gives its start: 64个 is the present.)
   */
  reached: boolean;
  /** An average or a rate per person, day, year (人均, 日均, 每天): never the total it is drawn from. */
  per: boolean;
  /** What a change is measured against: '同比', '环比', 'Y2020' (比2020年); '' when unsaid. */
  basis: string;
}

/** Verbs and adverbs that link a thing to its figure without saying anything about it. */
const LINKS = new Set([
  '是', '为', '有', '达', '达到', '已达', '约达', '高达', '多达', '共达', '累计达', '共有', '拥有', '现有', '已有', '尚有', '还有', '仅有', '只有',
  '累计', '共', '共计', '总计', '合计', '总共', '一共', '总', '约', '约为', '近', '将近', '接近', '超', '超过', '突破', '逾', '不到', '不足', '大约', '左右',
  '已', '已经', '均', '都', '仅', '只', '就', '还', '也', '又', '便', '即', '分别', '了', '的', '至', '到', '成为', '保持', '稳定', '维持', '实现', '完成', '以上', '以下',
  '同比', '环比', '比', '较', '比上', '较上', '从', '由', '在', '于', '上', '达成', '控制', '预计', '预期', '预测', '估计', '约占',
]);
/** Extent nouns: what an area or a length of the thing measures. */
const EXTENT_NOUNS = /面积|里程/;
/** Nouns that name the total or the extent rather than the thing (社区食堂总数, 高标准农田面积, 农村公路里程). */
/** Nouns of a source's word (按…的口径, 按照…的说法): never what a figure counts. */
const SOURCE_NOUNS = new Set(['口径', '说法']);
const TOTAL_NOUNS = new Set(['总数', '总量', '数量', '规模', '数目', '总规模', '个数', '数', '面积', '总面积', '里程', '总里程']);
/** Words that make the figure a share of the thing before them (护理型床位占比58%); 比例, 比重 are things of their own. */
const SHARE_WORDS = new Set(['占', '占比', '占到', '约占']);
const NEW_VERB = /^新(增|建|开|开通|设|招|培育|认定|登记|注册|落户|引进|签约|改建|发现|招聘|铺设|栽|种|投用|投运|辟|上线|挂牌|成立|组建|建成|落地|增设|开设|开工|投产|布设|安装|改造|修建|植|办|聘|录用|入驻)$/;
/** A change stated with its result (增至, 降到): the figure is the level reached. */
/** Words that tell a change over time, making a later 达到 its result (逐年增加，达到61家). */
const CHANGE_TOLD = /增加|增长|提高|提升|上升|扩大|发展|逐年|逐步|此后|后来|之后|陆续|翻番|翻了/;
/** Level links written like a change's result (达到, 达至): no change is told by themselves. */
const PLAIN_LEVEL = /^达(到|至)$/;
const CHANGE_TO = /^(增|升|降|减|缩|扩|提|涨|跌|达|下降|上升|增长|增加|减少|降低|提高|提升|缩短|压缩|扩大)(至|到)$/;
const UP_VERB = /^(增长|增加|提高|提升|上升|上涨|增|扩大|多|攀升|跃升|翻)$/;
const DOWN_VERB = /^(下降|减少|降低|缩短|缩小|回落|下滑|减|降|少|压缩|缩减|压减|下调|撤销|撤并|关闭|关停|取消|淘汰|拆除|注销|清退)$/;
/** Right after a change verb, these make it a level: 增加到, 降至, 压缩为. */
const TO_MARKS = new Set(['到', '至', '为', '成']);
/** Verbs that say a figure is what something became (变成了162个). */
const BECOME = /^(变成|变为|跃升为|跃升到|跃居|攀升至|攀升到)$/;
const BOUND_AFTER = new Set(['以上', '以下', '左右', '上下', '多', '余', '以内', '之内', '不到', '不足']);
const PLAN_CUE = /目标|力争|计划|争取|确保|规划|预计|预期|有望|力求|拟|将要|要求|任务是|打算|预测|提出[，,]?到/;
const DONE_CUE = /已|目前|现已|如今|实际/;

/** Places that stand for the draft's own place: no scope of their own. */
const OWN_PLACE = /^(全|本|我|该)(市|区|县|省|州|镇|乡|旗|盟|村|街道|社区|地区|自治区)$/;
const NATION = /^(全国|我国|中国|国内|全国各地)$/;
const ADMIN_SUFFIX = /^(街道|社区|村|镇|乡|区|县|市|省|新区|开发区|片区)$/;
/** jieba tags these as places; they are verbs or common words here. */
const NOT_PLACES = new Set(['新建', '惠及', '新区', '城乡', '中外', '国内外', '东西', '南北', '中西部', '城市', '城镇', '农村', '乡村', '城区', '郊区', '全球', '世界', '国际', '地方', '基层']);
/** Time words are the anchor's business, never part of the thing (去年同期/n). */
const TIME_WORD = /^(去年|今年|明年|前年|上年|当年|全年|同期|去年同期|上年同期|年初|年底|年末|上半年|下半年|目前|当前|如今|现在|期间|时期|第?[一二三四]季度|前[一二三]季度)$/;

const NOUNISH = /^(n|nz|ng|nr|nrt|nrfg|nt|vn|b|k|j|an|l|zg|q|eng)$/;
const CONTRAST_TAGS = /^(n|nz|nr|b|k|j)$/;
/** Most words a noun phrase takes (城镇居民人均可支配收入). */
const MAX_THING_WORDS = 6;
const HAN_WORD = /^[\u3400-\u9fff]+$/;
const LATIN_OR_DIGIT = /^[A-Za-z0-9]+$/;
const PUNCTUATION = /^[，,；;：:、。！？!?（）()“”"《》\s]+$/;
/** A trailing localiser jieba left on a word (券中 → 券). */
const LOCALISER = /(?<=.)[中里内上下]$/;

/** Abstract nouns jieba sometimes tags as places (满意度/ns). */
const ABSTRACT_SUFFIX = /[度率量性数额值]$/;

function isScopeWord(t: Token): boolean {
  return OWN_PLACE.test(t.word) || NATION.test(t.word) || isPlaceName(t);
}

/** A named place (呼和浩特, 城东街道), not a word jieba tags as one (城市, 新区, 满意度). */
export function isPlaceName(t: Token): boolean {
  return t.tag === 'ns' && isPlaceWord(t.word);
}

/** A word tagged as a place that names one (not 国内, not a nation's name). */
export function isPlaceWord(word: string): boolean {
  return !NOT_PLACES.has(word) && !ABSTRACT_SUFFIX.test(word) && !NATION.test(word);
}

/** Adverbs and conjunctions of one character that jieba may leave untagged as words (zg). */
const FUNCTION_CHARACTER = /^[虽仍却亦乃皆均并且而则甚尚曾将已又再还也都便就每]$/;

/** Words that set one kind apart from the others (其他垃圾 vs 厨余垃圾). */
const OTHER_KIND = new Set(['其他', '其余', '剩余', '另外']);

/** 城镇居民 vs 农村居民, 其他垃圾: a word that names a kind, whatever jieba tagged it. */
function isKindWord(t: Token): boolean {
  return OTHER_KIND.has(t.word) || (t.tag === 'ns' && (NOT_PLACES.has(t.word) || ABSTRACT_SUFFIX.test(t.word)));
}

function isNounish(t: Token): boolean {
  if (isScopeWord(t) || LINKS.has(t.word) || TOTAL_NOUNS.has(t.word) || SHARE_WORDS.has(t.word) || t.tag === 't' || TIME_WORD.test(t.word)) return false;
  // jieba tags lone function characters zg (虽, 仍), as it does some nouns (村, 县): no noun phrase holds one.
  if (t.tag === 'zg' && FUNCTION_CHARACTER.test(t.word)) return false;
  if (NOUNISH.test(t.tag) || isKindWord(t)) return true;
  // jieba's unknown words: Han words and codes (5G) are read as part of a noun phrase.
  return t.tag === 'x' && (HAN_WORD.test(t.word) || LATIN_OR_DIGIT.test(t.word));
}

function isVerb(t: Token): boolean {
  return t.tag === 'v' || t.tag === 'vd' || t.tag === 'vi' || NEW_VERB.test(t.word) || UP_VERB.test(t.word) || DOWN_VERB.test(t.word);
}

const LOCALISERS = new Set(['中', '里', '内', '上', '方面', '当中', '之中']);

/** A verb ending a noun phrase is a noun here (文化惠民演出1260场, 1620场文化惠民演出中). */
function isNominalVerb(left: Token | undefined, verb: Token): boolean {
  if (!left || !isVerb(verb) || verb.word.length !== 2 || LINKS.has(verb.word) || !isNounish(left)) return false;
  return !NEW_VERB.test(verb.word) && !UP_VERB.test(verb.word) && !DOWN_VERB.test(verb.word);
}

/**
 * A verb jieba split off a compound noun with a one-character head (充电/v 桩/q, 开行/v 量/n): read
 * as part of the noun phrase when a noun stands on its left too.
 */
function insideCompound(left: Token | undefined, verb: Token, right: Token | undefined): boolean {
  if (!left || !right || verb.word.length !== 2 || LINKS.has(verb.word) || !isNounish(left) || !isNounish(right)) return false;
  // After an attribute in -性 (保障性/n 租赁/v 住房/n, 普惠性托育机构) the verb is inside the noun phrase too.
  return right.word.length === 1 || (ATTRIBUTE.test(left.word) && left.end === verb.start && verb.end === right.start);
}

/** Attributes that only modify a noun (保障性, 普惠性, 公益性). */
const ATTRIBUTE = /^[\u4e00-\u9fff]{1,3}性$/;

/**
 * A two-character verb written right before a one-character head makes one noun with it, whatever
 * stands on its left (全市充电/v 桩/q, 带动脱贫/v 户/q): a lone 桩 or 户 names nothing by itself.
 * Verbs that say what is measured (新建, 增加) stay verbs.
 */
function compoundWithHead(verb: Token, head: Token | undefined): boolean {
  if (!head || headWord(head).length !== 1 || verb.end !== head.start || verb.word.length !== 2 || !isVerb(verb) || LINKS.has(verb.word)) return false;
  return isNounish(head) && !NEW_VERB.test(verb.word) && !UP_VERB.test(verb.word) && !DOWN_VERB.test(verb.word) && !CHANGE_TO.test(verb.word);
}

function measureOf(word: string, next: Token | undefined): Measure | undefined {
  if (NEW_VERB.test(word)) return 'new';
  // 新/a 认定/v: jieba split 新认定.
  if (word === '新' && next && isVerb(next) && next.word.length === 2) return 'new';
  if (CHANGE_TO.test(word)) return 'level';
  const toLevel = next && TO_MARKS.has(next.word);
  if (UP_VERB.test(word)) return toLevel ? 'level' : 'up';
  if (DOWN_VERB.test(word)) return toLevel ? 'level' : 'down';
  return undefined;
}

const overlapsAnother = (t: Span, spans: readonly Span[], own: Span) => spans.some((s) => s !== own && t.end > s.start && t.start < s.end);

interface BackwardRead {
  thing: Token[];
  verb?: Token;
  measure?: Measure;
  /** The figure is the level a change reached (增加到64个, 增至): what it started from is no anchor of it. */
  reached: boolean;
  /** Linked by 达到: a level, or the level a change reached when one was told before it. */
  plain: boolean;
}

/** Walks the clause leftwards from the figure: links, then the thing's noun phrase, then the verb. */
function readBackward(before: Token[], figures: readonly Span[], figure: Span): BackwardRead {
  const thing: Token[] = [];
  let verb: Token | undefined;
  let measure: Measure | undefined;
  let reached = false;
  // An extent noun passed over (面积): the thing itself when no noun stands before it (治理水土流失/i 面积).
  let extent: Token | undefined;
  let plain = false;
  let state: 'links' | 'thing' | 'verb' | 'measure' = 'links';
  for (let i = before.length - 1; i >= 0; i--) {
    const t = before[i];
    const right = before[i + 1];
    if (PUNCTUATION.test(t.word) || overlapsAnother(t, figures, figure)) break;
    const m = measureOf(t.word, right);
    if (state === 'measure') {
      // The verb is known: only a marker further left (新增 of 新增就业岗位) still says what is measured.
      if (m && !measure) measure = m;
      continue;
    }
    if (SHARE_WORDS.has(t.word) && state === 'links') {
      measure = 'share';
      continue;
    }
    if (TOTAL_NOUNS.has(t.word) && state === 'links') {
      measure ??= 'level';
      if (EXTENT_NOUNS.test(t.word)) extent = t;
      continue;
    }
    if (m) {
      // 达到 links a thing to its level as 为 does (总数达到46个), unless a change was told before it
      // (逐年增加，达到61家); 增加到, 降至 tell a change's result.
      if (state === 'links' && m === 'level' && (CHANGE_TO.test(t.word) || (right && TO_MARKS.has(right.word)))) {
        if (PLAIN_LEVEL.test(t.word)) plain = true;
        else reached = true;
      }
      if (state === 'links' || !measure) measure = m;
      if (m === 'new') {
        verb = t;
        state = 'measure';
      }
      continue;
    }
    if (state === 'links') {
      // 发展到3200多支, 提升至96%, 变成了162个: a verb reaching its figure links it.
      if (((isVerb(t) || t.tag === 'vn') && right && TO_MARKS.has(right.word) && right.word !== '为') || BECOME.test(t.word)) {
        measure ??= 'level';
        reached = true;
        continue;
      }
      // 高标准农田建设/vn 面积: the action right before an extent noun is what was done to the thing.
      if (!verb && right && TOTAL_NOUNS.has(right.word) && EXTENT_NOUNS.test(right.word) && (t.tag === 'vn' || t.tag === 'v') && t.word.length === 2 && !LINKS.has(t.word) && before[i - 1] && isNounish(before[i - 1])) {
        verb = t;
        continue;
      }
      // 按工信部门的口径共有82家: whose count it is, not what is counted (the thing is in the clause before).
      if (SOURCE_NOUNS.has(t.word)) break;
      if (isNounish(t) || isNominalVerb(before[i - 1], t)) {
        thing.unshift(t);
        state = 'thing';
      } else if (isVerb(t) && !LINKS.has(t.word) && t.word.length > 1) {
        verb = t;
        state = 'measure';
      } else if (isScopeWord(t)) break;
      continue;
    }
    if (state === 'thing') {
      if (isNounish(t) && thing.length < MAX_THING_WORDS) thing.unshift(t);
      else if (thing.length < MAX_THING_WORDS && (t.word === '可' || (isVerb(t) && (insideCompound(before[i - 1], t, thing[0]) || (thing.length === 1 && compoundWithHead(t, thing[0])))))) thing.unshift(t);
      else if (isVerb(t) && !LINKS.has(t.word)) {
        verb = t;
        state = 'measure';
      } else if (isScopeWord(t)) break;
      else state = 'verb';
      continue;
    }
    // state 'verb': past the thing, looking for what was done to it.
    if (isVerb(t) && !LINKS.has(t.word)) {
      verb = t;
      state = 'measure';
    } else if (isScopeWord(t)) break;
  }
  if (!thing.length && extent) thing.push(extent);
  return { thing, verb, measure, reached, plain };
}

/** The noun phrase right after the figure (64个社区食堂, 58%的村), if any. */
function readForward(after: Token[], verbJoins: boolean): { thing: Token[]; share: boolean; verb?: Token } {
  let i = 0;
  // 九成以上的村, 3000多名志愿者: the bound belongs to the figure.
  while (i < after.length && BOUND_AFTER.has(after[i].word)) i++;
  let share = false;
  if (after[i]?.word === '的') {
    share = true;
    i++;
  }
  const thing: Token[] = [];
  for (; i < after.length && thing.length < MAX_THING_WORDS; i++) {
    const t = after[i];
    const next = after[i + 1];
    if (PUNCTUATION.test(t.word)) break;
    // 72个4A级以上景区: a grade inside the phrase.
    if (thing.length && BOUND_AFTER.has(t.word) && next && isNounish(next)) continue;
    if (isNounish(t) && !(thing.length === 0 && !share && t.tag === 'vn' && !(next && isNounish(next)))) thing.push(t);
    // 863.5万参保群众, 126个就业服务站: after a bare number or a count of things a verb and a noun make one phrase.
    // A verb bound to what follows (设在, 位于, 用于) is a predicate: 62个设在社区. After people it
    // is one too (3000人参加培训), unless another verb follows the noun: 28.9万名签约居民享受到….
    else if (!thing.length && (verbJoins || subjectFollows(after, i)) && isVerb(t) && t.word.length === 2 && !/[在于到至给为成]$/.test(t.word) && next?.tag === 'n') thing.push(t);
    // 3.82万个充电/v 桩/q: a verb and a one-character head make one noun.
    else if (!thing.length && compoundWithHead(t, next)) thing.push(t);
    else if (isVerb(t) && insideCompound(thing[thing.length - 1], t, next)) thing.push(t);
    else if (isVerb(t) && isNominalVerb(thing[thing.length - 1], t) && (!next || PUNCTUATION.test(next.word) || LOCALISERS.has(next.word))) {
      thing.push(t);
      break;
    } else break;
  }
  // The predicate of N%的X says what the share is of (58%的村建成了卫生室).
  let verb: Token | undefined;
  if (share && thing.length) {
    for (; i < after.length && !PUNCTUATION.test(after[i].word); i++) {
      if (isVerb(after[i]) && !LINKS.has(after[i].word)) {
        verb = after[i];
        break;
      }
    }
  }
  return { thing, share, verb };
}

/** After a verb and a noun at `i`, another verb or 中 follows: they were a subject (签约居民享受到), not a predicate. */
function subjectFollows(after: readonly Token[], i: number): boolean {
  const third = after[i + 2];
  return !!third && (isVerb(third) || third.word === '中' || third.word === '中，');
}

/** A place word at `i` with a following admin word joined (城东/ns 街道/n → 城东街道), unless it has its level already. */
function placeAt(tokens: readonly Token[], i: number): string {
  const t = tokens[i];
  const next = tokens[i + 1];
  return t.tag === 'ns' && !placeLevel(t.word) && next && ADMIN_SUFFIX.test(next.word) ? t.word + next.word : t.word;
}

/**
 * The administrative level a place name ends with (北京市 → 市, 城东街道 → 街道), '' when it shows none.
 * An admin word after a place that has its level (拱墅区 社区) is no part of its name.
 */
export function placeLevel(place: string): string {
  return /(街道|自治区|省|市|区|县|州|镇|乡|旗|盟|村|社区)$/.exec(place)?.[1] ?? '';
}

function scopeKey(word: string): string {
  if (OWN_PLACE.test(word)) return '';
  if (NATION.test(word)) return '全国';
  return word;
}

function headWord(t: Token): string {
  return t.tag === 'x' ? t.word.replace(LOCALISER, '') : t.word;
}

const PLACE_SUFFIX_CHAR = /[省市区县州镇乡]/;
const LEADING_FUNCTION = /^(累计|已经|已|共|均|约|仅|只|还|都|再)(?=.)/;
const TRAILING_LINK = /(?<=.)(为|达|达到|到|至)$/;

/**
 * jieba's unknown words (tag x) often glue a function word to a content word: 已新开, 共设, 率为,
 * 已达. Each is split into the function word (tagged as an adverb or a link) and the rest, which is
 * read as a verb when it is one (新开) or stands alone after an adverb (设), else as a noun.
 */
function refineTokens(tokens: readonly Token[]): Token[] {
  // 南江/ns 市: the admin word names the place's level; after 拱墅区/ns, 社区 is the counted thing's (社区老年食堂).
  const adminAfterPlace = (t: Token, k: number) => k > 0 && tokens[k - 1].tag === 'ns' && !placeLevel(tokens[k - 1].word) && ADMIN_SUFFIX.test(t.word);
  if (!tokens.some((t, k) => (t.tag === 'x' && t.word.length > 1) || adminAfterPlace(t, k))) return tokens as Token[];
  const out: Token[] = [];
  for (let k = 0; k < tokens.length; k++) {
    let t = tokens[k];
    // 南江/ns 市/n: one place name, not a place and a thing.
    if (adminAfterPlace(t, k) && out[out.length - 1]?.tag === 'ns') {
      const place = out[out.length - 1];
      out[out.length - 1] = { ...place, word: place.word + t.word, end: t.end };
      continue;
    }
    if (t.tag !== 'x' || t.word.length < 2 || !HAN_WORD.test(t.word)) {
      out.push(t);
      continue;
    }
    // 江北/ns 市普惠性/x: the place's admin word glued to what follows.
    const previous = out[out.length - 1];
    if (previous?.tag === 'ns' && PLACE_SUFFIX_CHAR.test(t.word[0])) {
      out[out.length - 1] = { ...previous, word: previous.word + t.word[0], end: t.start + 1 };
      t = { ...t, word: t.word.slice(1), start: t.start + 1 };
      if (t.word.length < 2) {
        out.push(t);
        continue;
      }
    }
    const lead = LEADING_FUNCTION.exec(t.word)?.[0] ?? '';
    const trail = TRAILING_LINK.exec(t.word.slice(lead.length))?.[0] ?? '';
    if (!lead && !trail) {
      out.push(t);
      continue;
    }
    const core = t.word.slice(lead.length, t.word.length - trail.length);
    const coreStart = t.start + lead.length;
    if (lead) out.push({ ...t, word: lead, tag: 'd', end: coreStart });
    if (core) {
      const verb = NEW_VERB.test(core) || UP_VERB.test(core) || DOWN_VERB.test(core) || CHANGE_TO.test(core) || (lead !== '' && core.length === 1);
      out.push({ ...t, word: core, tag: LINKS.has(core) ? 'v' : verb ? 'v' : 'x', start: coreStart, end: coreStart + core.length });
    }
    if (trail) out.push({ ...t, word: trail, tag: 'v', start: t.end - trail.length });
  }
  return out;
}

export interface QuantityInput extends Span {
  clause: Span;
  unit: string;
}

/** A percentage or a permille: N%的X is then a share of X. */
const PROPORTION_UNITS = new Set(['%', '‰']);

/** What may stand between "…中，" and a figure counting part of it (有, 其中有, 就有). */
const PART_AFTER = /^[，,](?:其中)?(?:就|共|已)?有?$/;
/** Units of people: after them a verb and a noun are what the people did (3000人参加培训), not a noun. */
const PEOPLE_UNITS = new Set(['人', '名', '位', '人次', '户', '户次']);

/** Classifiers of events: with them a verb ending the phrase is what is counted (演出1260场). */
const EVENT_UNITS = new Set(['场', '次', '届', '期', '轮', '批']);

/** Heads that name a rate or a level, not a population a share is taken of (满意度, 覆盖率). */
const RATE_NOUN = /[率度]$|比例$|比重$|占比$|水平$|指数$/;
const PER_CUE = /人均|户均|日均|年均|月均|场均|平均|每(天|日|年|月|人|户|场|周|小时)/;

/**
 * The quantity of each figure of one sentence (`figures` in text order, `tokens` the sentence's).
 * A figure whose clause names no thing takes the thing of the figure before it in the sentence
 * (地铁日均客流突破45万人次，比去年同期增长12.5%).
 */
export function readQuantities(sentence: Sentence, sentenceTokens: readonly Token[], figures: readonly QuantityInput[], anchors: readonly TimeAnchor[]): Quantity[] {
  const tokens = refineTokens(sentenceTokens);
  const out: Quantity[] = [];
  let previousEnd = sentence.start;
  // Walked once along the sentence (a pasted table can put thousands of figures in one sentence):
  // the last place named so far, and where tokens were read up to.
  let scope = '';
  let whole = '';
  let scanned = 0;
  for (const f of figures) {
    // Tokens are in text order, their ends too: the ones before the figure end at or before it.
    const beforeEnd = partitionPoint(tokens.length, (k) => tokens[k].end <= f.start);
    const before = tokens.slice(partitionPoint(beforeEnd, (k) => tokens[k].start < f.clause.start), beforeEnd);
    const after: Token[] = [];
    for (let k = partitionPoint(tokens.length, (j) => tokens[j].start < f.end); k < tokens.length && tokens[k].end <= f.clause.end; k++) after.push(tokens[k]);
    let part = false;
    for (; scanned < beforeEnd; scanned++) {
      const t = tokens[scanned];
      // 北京等116家医疗机构: a place listed as an example (等) is no scope.
      if (isScopeWord(t) && tokens[scanned + 1]?.word !== '等') {
        scope = scopeKey(placeAt(tokens, scanned));
        whole = OWN_PLACE.test(t.word) ? t.word.slice(1) : '';
      }
      if (t.word === '其中' && t.start >= previousEnd) part = true;
      // 全区126个服务站中，有62个…: what follows "…中，" counts some of what was just named.
      if (t.word === '中' && t.start >= previousEnd && previousEnd > sentence.start && PART_AFTER.test(sentence.text.slice(t.end - sentence.start, f.start - sentence.start))) part = true;
    }

    const clauseFigures = figuresIn(figures, f.clause);
    const read = readBackward(before, clauseFigures, f);
    const back = read.plain && CHANGE_TOLD.test(sentence.text.slice(0, f.start - sentence.start)) ? { ...read, reached: true } : read;
    const forward = readForward(after, f.unit === '' || !PEOPLE_UNITS.has(f.unit));
    // N%的村 is a share of the villages; 93.6%的满意度 and 18.2亿元的投资 name the thing itself, and
    // 日均处理污水120万吨的能力 an attribute of what came before.
    const forwardHead = forward.thing[forward.thing.length - 1]?.word ?? '';
    const share = forward.share && forward.thing.length > 0 && PROPORTION_UNITS.has(f.unit) && !RATE_NOUN.test(forwardHead);
    const useForward = forward.thing.length > 0 && (!forward.share || share || !back.thing.length);
    let thingTokens = useForward ? forward.thing : back.thing;
    let verb = (share ? forward.verb : undefined) ?? back.verb;
    // 茶产业带动的3186户脱贫户: with the thing after the figure, a verb ending the words before it is the action.
    const backLast = back.thing[back.thing.length - 1];
    if (useForward && !verb && back.thing.length > 1 && backLast.tag === 'v') verb = backLast;
    const measure: Measure = share ? 'share' : (back.measure ?? 'level');
    // 老旧小区改造215个 counts 小区 (改造 is what was done); 文化惠民演出1260场 counts 演出.
    const last = thingTokens[thingTokens.length - 1];
    if (thingTokens.length > 1 && last.tag === 'v' && !EVENT_UNITS.has(f.unit)) {
      thingTokens = thingTokens.slice(0, -1);
      if (!verb || !NEW_VERB.test(verb.word)) verb = last;
    }
    // No noun at all: the verb is what is counted (带动就业3000人).
    if (!thingTokens.length && verb && measure !== 'new') {
      thingTokens = [verb];
      verb = undefined;
    }
    let thing = thingTokens.map((t, k) => (k === thingTokens.length - 1 ? headWord(t) : t.word));
    let modifiers = thingTokens.slice(0, -1).filter((t) => CONTRAST_TAGS.test(t.tag) || isKindWord(t) || (t.tag === 'x' && HAN_WORD.test(t.word))).map((t) => t.word);
    const previous = out[out.length - 1];
    if (!thing.length && previous) {
      thing = previous.thing;
      modifiers = previous.modifiers;
    } else if (!thing.length && f.clause.start > sentence.start) {
      // The thing as the topic of the clause before (社区养老服务驿站，如今有168个).
      const topic = topicBefore(tokens, f.clause.start, sentence.start, figures, f);
      thing = topic.map((t, k) => (k === topic.length - 1 ? headWord(t) : t.word));
      modifiers = topic.slice(0, -1).filter((t) => CONTRAST_TAGS.test(t.tag) || isKindWord(t)).map((t) => t.word);
    }

    const clauseBefore = sentence.text.slice(f.clause.start - sentence.start, f.start - sentence.start);
    // 从去年的31个增加到64个: 去年 anchors the 31, the 64 is the present (unless a time follows the 31: 到2024年底的64个).
    const previousFigure = out.length ? figures[out.length - 1] : undefined;
    // The start is a figure of the same unit (民宿达到61家，接待游客达到6.2万人次 starts from nothing said).
    const reachedFrom = back.reached && previousFigure !== undefined && previousFigure.unit === f.unit && !anchorBetween(anchors, previousFigure.end - sentence.start, f.start - sentence.start);
    const lead = planLead(sentence, f, previousEnd);
    const cue = PLAN_CUE.exec(lead);
    // A figure after a plan's, in its clause or the next one, is the plan's too (力争到2028年让3公里内的…
    // 全部达到95%; 力争突破2500家，占比提高到35%), unless something done or another time comes between.
    const inPlan = previousFigure !== undefined && out[out.length - 1].plan && continuesPlan(sentence, previousFigure, f, anchors);
    const plan = inPlan || (cue !== null && !DONE_CUE.test(lead.slice(cue.index))) || before.some((t) => t.word === '将' && t.tag === 'd') || planAfter(sentence, f);
    out.push({
      thing,
      modifiers,
      verb: verb?.word ?? '',
      measure,
      scope,
      whole,
      time: reachedFrom ? '' : timeKeyBefore(anchors, f.start - sentence.start),
      part,
      plan,
      reached: back.reached && !reachedFrom,
      per: PER_CUE.test(clauseBefore) || thing.some((w) => PER_CUE.test(w)),
      basis: basisOf(clauseBefore),
    });
    previousEnd = f.end;
  }
  return out;
}

/** The noun phrase ending the clause before `clauseStart` (its comma excluded), when that clause holds no figure. */
function topicBefore(tokens: readonly Token[], clauseStart: number, sentenceStart: number, figures: readonly Span[], f: Span): Token[] {
  const end = partitionPoint(tokens.length, (k) => tokens[k].end <= clauseStart - 1);
  let from = end;
  while (from > 0 && tokens[from - 1].start >= sentenceStart && !PUNCTUATION.test(tokens[from - 1].word)) from--;
  if (figures.some((g) => g !== f && g.start < clauseStart && g.end > (tokens[from]?.start ?? clauseStart))) return [];
  const topic: Token[] = [];
  for (let i = end - 1; i >= from && topic.length < MAX_THING_WORDS && isNounish(tokens[i]); i--) topic.unshift(tokens[i]);
  return topic;
}

/** The figures (sorted, disjoint) that lie in `span`. */
function figuresIn<T extends Span>(figures: readonly T[], span: Span): readonly T[] {
  const from = partitionPoint(figures.length, (k) => figures[k].end <= span.start);
  let to = from;
  while (to < figures.length && figures[to].start < span.end) to++;
  return figures.slice(from, to);
}

/** An anchor written in [from, to) of the sentence (anchors are in text order). */
function anchorBetween(anchors: readonly TimeAnchor[], from: number, to: number): boolean {
  const k = partitionPoint(anchors.length, (j) => anchors[j].at < from);
  return k < anchors.length && anchors[k].at < to;
}

/**
 * A plan cue later in the figure's clause sets the figure in the target (周边300米范围内公交站点覆盖率力争达到100%):
 * a measure of what is planned, not a fact reported.
 */
function planAfter(sentence: Sentence, f: QuantityInput): boolean {
  const rest = sentence.text.slice(f.end - sentence.start, f.clause.end - sentence.start);
  const cue = PLAN_CUE.exec(rest);
  return cue !== null && !DONE_CUE.test(rest.slice(0, cue.index));
}

/** The text from one figure to the next stays in the plan: no semicolon, nothing done (已, 目前), no other time. */
function continuesPlan(sentence: Sentence, previous: Span, f: Span, anchors: readonly TimeAnchor[]): boolean {
  const between = sentence.text.slice(previous.end - sentence.start, f.start - sentence.start);
  return !/[；;]/.test(between) && !DONE_CUE.test(between) && !anchorBetween(anchors, previous.end - sentence.start, f.start - sentence.start);
}

/** What a change in the clause is measured against. */
function basisOf(clauseBefore: string): string {
  if (clauseBefore.includes('环比')) return '环比';
  const year = /(?:比|较|与)([0-9]{4})年/.exec(clauseBefore);
  if (year) return `Y${year[1]}`;
  return /同比|(?:比|较|与)(?:上年|去年)/.test(clauseBefore) ? '同比' : '';
}

/** A clause this short before the figure's own is a lead-in (按照规划，力争到2027年，). */
const MAX_LEAD_IN = 10;

/**
 * Where a plan cue applies to a figure: its clause up to the figure, and a short lead-in clause
 * right before it; never another figure's text (计划新增2000张，目前已建成1200张).
 */
function planLead(sentence: Sentence, f: QuantityInput, previousEnd: number): string {
  const text = sentence.text;
  const clauseStart = f.clause.start - sentence.start;
  let from = Math.max(clauseStart, previousEnd - sentence.start);
  if (from === clauseStart && clauseStart > 0) {
    let leadStart = clauseStart - 1;
    while (leadStart > 0 && !/[，,；;：:]/.test(text[leadStart - 1])) leadStart--;
    if (clauseStart - 1 - leadStart <= MAX_LEAD_IN && leadStart + sentence.start >= previousEnd) from = leadStart;
  }
  return text.slice(from, f.start - sentence.start);
}

/** A clause shorter than this (Han characters besides its figures) says too little to be recognised when restated. */
const MIN_KEY_HAN = 6;

/**
 * The clause of a figure as a restatement would repeat it: every figure in it masked, digits
 * normalised, hashed (FNV-1a, 8 hex digits) with the figure's place among them. A draft that copies
 * a published clause and changes one value gets the same key for that value. A clause too short to
 * tell apart (年均减贫1300多万人) is keyed with its whole sentence.
 */
export function clauseKey(text: string, clause: Span, figures: readonly Span[], figure: Span, sentence: Span): string {
  const key = maskedKey(text, clause, figures, figure);
  if (key) return key;
  // 同比增长14.5%: with the clause before it (全市夜间消费额达到186亿元，同比增长14.5%), else the sentence.
  let from = clause.start - 1;
  while (from > sentence.start && !/[，,；;：:]/.test(text[from - 1])) from--;
  const withBefore = clause.start > sentence.start ? maskedKey(text, { start: Math.max(sentence.start, from), end: clause.end }, figures, figure) : '';
  // A whole sentence only when it is a sentence, not a pasted table of thousands of clauses.
  return withBefore || (sentence.end - sentence.start <= MAX_KEYED_SENTENCE ? maskedKey(text, sentence, figures, figure) : '');
}

/** Longest sentence keyed whole (characters). */
const MAX_KEYED_SENTENCE = 300;

function maskedKey(text: string, clause: Span, figures: readonly Span[], figure: Span): string {
  // One pass, hashing as it goes: every figure becomes '#', white space is dropped, full-width
  // digits count as ASCII ones.
  let hash = 0x811c9dc5;
  let han = 0;
  let place = 0;
  let k = partitionPoint(figures.length, (j) => figures[j].end <= clause.start);
  for (let i = clause.start; i < clause.end; ) {
    if (k < figures.length && figures[k].start <= i) {
      if (figures[k].start < figure.start) place++;
      hash = Math.imul(hash ^ 0x23, 0x01000193);
      i = Math.max(i + 1, figures[k].end);
      k++;
      continue;
    }
    let c = text.charCodeAt(i++);
    if (c === 0x20 || c === 0x09 || c === 0x3000 || c === 0x0a || c === 0x0d) continue;
    if (c >= 0xff10 && c <= 0xff19) c -= 0xfee0;
    if (c >= 0x3400 && c <= 0x9fff) han++;
    hash = Math.imul(hash ^ c, 0x01000193);
  }
  if (han < MIN_KEY_HAN) return '';
  hash = Math.imul(hash ^ 0x7c, 0x01000193);
  for (const c of String(place)) hash = Math.imul(hash ^ c.charCodeAt(0), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
