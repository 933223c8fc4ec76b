// Recognises lines that look like a byline, in any of the forms newsrooms print or mistype.
// Which form is *right* is not decided here: the learned profile's byline model says that.

import { tagText } from '../text/segmenter';

export type BylineForm = 'marker-name' | 'parenthetical-note' | 'staff';

export interface BylineShape {
  form: BylineForm;
  /**
   * Normalised marker: '●', '•', '文/', '作者：' … for `marker-name`; '（作者为', '（作者单位：',
   * '（执笔：' … for notes (always with full-width brackets and colon); '本报评论员' … for `staff`;
   * '' for a bare name typed right under the headline.
   */
  marker: string;
  /** Author names (a note such as `（作者为某大学教授）` names an affiliation, not a person: empty). */
  names: string[];
  /** First separator between several names, when there are several. */
  separator?: string;
  /** Every separator between consecutive names, as typed. */
  separators: string[];
  /** Text after the names (or after the closing bracket) that does not belong there. */
  trailing: string;
  /** Whitespace between marker and name. */
  spaceAfterMarker: boolean;
  /** A two-character name padded with spaces (`王  英`), a typesetting habit that drafts should not carry. */
  paddedName: boolean;
  /** Text inside a parenthetical note after its opener (the affiliation, or the names for 执笔). */
  note?: string;
  /** A note framed with half-width brackets or colon: `(作者为…)`, `（作者单位:…）`. */
  halfWidth: boolean;
}

/** Bullet-like markers printed (or mistyped) before a name. ■ is left out: it marks photo credits. */
export const BULLET_MARKERS = ['●', '•', '·', '・', '∙', '⚫', '○', '◆', '◇', '★', '☆', '*', '＊', '◎'];
const STAFF_BYLINES = ['本报特约评论员', '本报评论员', '特约评论员', '评论员'];

const HAN_CHAR = '[\\u3400-\\u4dbf\\u4e00-\\u9fff\\u{20000}-\\u{3134f}]';
// A Chinese name (2–5 characters), or a transliterated one joined by a middle dot (买买提·艾力).
const NAME = `${HAN_CHAR}{2,5}(?:[·・]${HAN_CHAR}{1,6})?`;
const SEPARATOR = '[ 　、，,/／;；]+';
const NAME_LIST = new RegExp(`^(${NAME})((?:${SEPARATOR}${NAME})*)([。.，,；;！!：:]*)$`, 'u');
const PADDED_NAME = new RegExp(`^(${HAN_CHAR})[ 　]+(${HAN_CHAR})([。.，,；;！!：:]*)$`, 'u');
// 文/王英, 文 / 王英, 作者：王英, 作者 王英, 撰文｜王英: a separator or a space must follow the word
// (文明…, 作者为… are text).
const TEXT_PREFIX = /^(文|作者|撰文)(?:[ \t　]*([/／|｜:：])|[ \t　]+)/;
const NOTE = /^([（(])(作者为|作者系|作者单位|执笔|作者)([：:]?)(.+?)([）)])([。.，,；;]*)$/u;

/** Parses a trimmed line as a byline, or returns undefined. */
export function parseBylineLine(line: string): BylineShape | undefined {
  const text = line.trim();
  if (!text || text.length > 60) return undefined;

  const note = parseNote(text);
  if (note) return note;

  for (const staff of STAFF_BYLINES) {
    if (text === staff || (text.startsWith(staff) && /^[。.，,]+$/.test(text.slice(staff.length)))) {
      return { form: 'staff', marker: staff, names: [], separators: [], trailing: text.slice(staff.length), spaceAfterMarker: false, paddedName: false, halfWidth: false };
    }
  }

  let marker = '';
  let rest = text;
  const bullet = BULLET_MARKERS.find((m) => text.startsWith(m));
  if (bullet) {
    marker = bullet;
    rest = text.slice(bullet.length);
  } else {
    const prefix = TEXT_PREFIX.exec(text);
    if (prefix) {
      const sep = prefix[2] ?? '';
      marker = prefix[1] + sep;
      // The regex takes a space typed instead of a separator; one after a separator stays in `rest`.
      rest = text.slice(prefix[0].length);
    }
  }
  // A bare name is a byline only right under the headline (see findBylineParagraphs).
  if (!marker) return undefined;
  const spaceAfterMarker = /^[\s　]/.test(rest);
  const body = rest.trim();

  const padded = PADDED_NAME.exec(body);
  if (padded) {
    return { form: 'marker-name', marker, names: [padded[1] + padded[2]], separators: [], trailing: padded[3], spaceAfterMarker, paddedName: true, halfWidth: false };
  }
  const m = NAME_LIST.exec(body);
  if (!m) return undefined;
  const namesPart = m[1] + m[2];
  const names = namesPart.split(new RegExp(SEPARATOR, 'u')).filter(Boolean);
  const separators = [...namesPart.matchAll(new RegExp(SEPARATOR, 'gu'))].map((s) => s[0]);
  return {
    form: 'marker-name',
    marker,
    names,
    separator: separators[0],
    separators,
    trailing: m[3],
    spaceAfterMarker,
    paddedName: false,
    halfWidth: false,
  };
}

function parseNote(text: string): BylineShape | undefined {
  const m = NOTE.exec(text);
  if (!m) return undefined;
  const [, open, word, colon, inner, close, trailing] = m;
  // 作者为/作者系 take no colon; 作者单位/执笔/作者 need one.
  const needsColon = word !== '作者为' && word !== '作者系';
  if (needsColon !== Boolean(colon)) return undefined;
  const marker = `（${word}${needsColon ? '：' : ''}`;
  const halfWidth = open === '(' || close === ')' || colon === ':';
  const content = inner.trim();
  const { names, separators } = word === '执笔' || word === '作者' ? splitNoteNames(content) : { names: [], separators: [] };
  return {
    form: 'parenthetical-note',
    marker,
    names,
    separator: separators[0],
    separators,
    trailing,
    spaceAfterMarker: /^[\s　]/.test(inner),
    paddedName: names.length === 1 && /[ 　]/.test(content),
    note: content,
    halfWidth,
  };
}

/**
 * Names inside `（执笔：董  涛）`, `（执笔：贾品荣  方  力）` or `（执笔：王  波  文  君）`: the press pads a
 * two-character name with spaces, so consecutive single characters pair up into one name. Returns
 * the names and the separators typed between them.
 */
function splitNoteNames(content: string): { names: string[]; separators: string[] } {
  const names: string[] = [];
  const separators: string[] = [];
  for (const [i, part] of content.split(/([、，,/／]+)/).entries()) {
    if (i % 2 === 1) {
      separators.push(part);
      continue;
    }
    const pieces = part.trim().split(/([ 　]+)/);
    let pending: string | undefined;
    let gapBefore = '';
    for (let k = 0; k < pieces.length; k += 2) {
      const word = pieces[k];
      const gap = pieces[k - 1] ?? '';
      if (!word) continue;
      if (pending !== undefined && [...word].length === 1) {
        if (names.length && gapBefore) separators.push(gapBefore);
        names.push(pending + word);
        pending = undefined;
      } else if ([...word].length === 1) {
        if (pending !== undefined) {
          if (names.length && gapBefore) separators.push(gapBefore);
          names.push(pending);
        }
        pending = word;
        gapBefore = gap;
      } else {
        if (pending !== undefined) {
          if (names.length && gapBefore) separators.push(gapBefore);
          names.push(pending);
          pending = undefined;
          gapBefore = gap;
        }
        if (names.length && gap) separators.push(gap);
        names.push(word);
      }
    }
    if (pending !== undefined) {
      if (names.length && gapBefore) separators.push(gapBefore);
      names.push(pending);
    }
  }
  return { names, separators };
}

/** Name length in characters (an astral character such as 𠀀 counts once). */
export function nameLength(name: string): number {
  return [...name.replace(/[·・]/g, '')].length;
}

/** The canonical text of a byline in a house form, e.g. `●王英`, `●王英 李明`, `（执笔：王英）`. */
export function formatByline(marker: string, names: string[], separator: string): string {
  if (marker.startsWith('（')) return `${marker}${names.join(separator)}）`;
  return marker + names.join(separator);
}

// The most common Chinese surnames: a bare line right under the headline that is a name starting
// with one of them is a byline typed without its marker (`王英` for `●王英`).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤常温康施牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂成苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶牟艾尤阳穆农司卓古吉缪简车项芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝';
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤'];
const BARE_NAME = new RegExp(`^(?:${COMPOUND_SURNAMES.join('|')})${HAN_CHAR}{1,2}$|^[${SURNAMES}]${HAN_CHAR}{1,2}$`, 'u');

/**
 * A line of one or more bare names (`王英`, `王英 李明`), the byline typed without a marker. A word
 * jieba knows as something other than a person (高见, 钱包) is not a name.
 */
function parseBareNameLine(line: string): BylineShape | undefined {
  const text = line.trim();
  if (text.length > 20) return undefined;
  const names = text.split(/[ 　、，,]+/);
  const isName = (n: string) => {
    if (!BARE_NAME.test(n)) return false;
    const tokens = tagText(n);
    return !(tokens.length === 1 && tokens[0].tag !== 'nr' && tokens[0].tag !== 'x');
  };
  if (!names.every(isName)) return undefined;
  const separators = [...text.matchAll(/[ 　、，,]+/g)].map((m) => m[0]);
  return { form: 'marker-name', marker: '', names, separator: separators[0], separators, trailing: '', spaceAfterMarker: false, paddedName: false, halfWidth: false };
}

export type BylinePlacement = 'after-headline' | 'end' | 'elsewhere';

export interface PlacedByline<P> {
  paragraph: P;
  shape: BylineShape;
  position: BylinePlacement;
}

// A subtitle (——论…) may stand between the headline and its byline; an editor's note such as
// （本系列评论到此结束） may follow a byline printed at the end.
const SUBTITLE = /^—{1,2}/;
const EDITOR_NOTE = /^[（(].*[）)]$/;

/**
 * Byline-shaped lines among a draft's content paragraphs (comments excluded), with where each
 * sits. A run of two or more lines starting with the same bullet is a list, not bylines.
 */
export function findBylineParagraphs<P extends { text: string }>(content: P[], headlineIdx: number): PlacedByline<P>[] {
  const out: PlacedByline<P>[] = [];
  const bulletOf = (i: number) => (i >= 0 && i < content.length && i !== headlineIdx ? BULLET_MARKERS.find((m) => content[i].text.startsWith(m)) : undefined);
  for (let i = 0; i < content.length; i++) {
    if (i === headlineIdx) continue;
    const shape = parseBylineLine(content[i].text) ?? (headlineIdx >= 0 && i === headlineIdx + 1 ? parseBareNameLine(content[i].text) : undefined);
    if (!shape) continue;
    const bullet = bulletOf(i);
    if (bullet && (bulletOf(i - 1) === bullet || bulletOf(i + 1) === bullet)) continue;
    out.push({ paragraph: content[i], shape, position: placement(content, i, headlineIdx) });
  }
  return out;
}

function placement(content: { text: string }[], i: number, headlineIdx: number): BylinePlacement {
  if (headlineIdx >= 0 && i > headlineIdx && content.slice(headlineIdx + 1, i).every((p) => SUBTITLE.test(p.text))) return 'after-headline';
  const after = content.slice(i + 1);
  if (after.every((p) => EDITOR_NOTE.test(p.text) && !parseBylineLine(p.text))) return 'end';
  return 'elsewhere';
}
