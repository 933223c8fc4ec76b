// Recognises lines that look like a byline, in any of the forms newsrooms print or mistype.
// Which form is *right* is not decided here: the learned profile's byline model says that.

export type BylineForm = 'marker-name' | 'parenthetical-note';

export interface BylineShape {
  form: BylineForm;
  /** '●', '•', '文/', '作者：', '（作者为', '（作者单位：', '（执笔：' … or '' for a bare name. */
  marker: string;
  names: string[];
  /** Separator between several names, when there are several. */
  separator?: string;
  /** Text after the names that does not belong there (trailing punctuation). */
  trailing: string;
  /** Whitespace between marker and name. */
  spaceAfterMarker: boolean;
}

/** Markers placed before a name. The first group are dot-like bullets, then textual prefixes. */
export const BULLET_MARKERS = ['●', '•', '·', '○', '◆', '◇', '★', '☆', '*', '＊', '◎'];
export const PREFIX_MARKERS = ['文/', '文／', '作者：', '作者:', '作者 ', '本报评论员', '特约评论员'];
const NOTE_OPENERS = ['（作者为', '（作者系', '（作者单位：', '（执笔：', '(作者为', '(作者系', '(作者单位：', '(执笔：'];

const NAME = '[\\u3400-\\u9fff·]{2,5}';
const NAME_LIST = new RegExp(`^(${NAME})((?:[ 　、，,/]+${NAME})*)([。.，,；;！!]*)$`, 'u');

/** Parses a trimmed line as a byline, or returns undefined. */
export function parseBylineLine(line: string): BylineShape | undefined {
  const text = line.trim();
  if (!text || text.length > 40) return undefined;

  for (const opener of NOTE_OPENERS) {
    if (text.startsWith(opener) && /[）)]$/.test(text)) {
      return {
        form: 'parenthetical-note',
        marker: opener.replace('(', '（'),
        names: [text.slice(opener.length, -1)],
        trailing: '',
        spaceAfterMarker: false,
      };
    }
  }

  let marker = '';
  let rest = text;
  for (const m of [...PREFIX_MARKERS, ...BULLET_MARKERS]) {
    if (text.startsWith(m)) {
      marker = m.trim();
      rest = text.slice(m.length);
      break;
    }
  }
  if (!marker) return undefined; // a bare name line is too ambiguous to call a byline
  if (marker === '本报评论员' || marker === '特约评论员') {
    return { form: 'marker-name', marker, names: [], trailing: rest.trim(), spaceAfterMarker: false };
  }
  const spaceAfterMarker = /^[\s　]/.test(rest);
  const m = NAME_LIST.exec(rest.trim());
  if (!m) return undefined;
  const namesPart = m[1] + m[2];
  const names = namesPart.split(/[ 　、，,/]+/).filter(Boolean);
  const sepMatch = /[ 　、，,/]+/.exec(namesPart);
  return {
    form: 'marker-name',
    marker,
    names,
    separator: names.length > 1 && sepMatch ? sepMatch[0] : undefined,
    trailing: m[3],
    spaceAfterMarker,
  };
}

/** The canonical text of a byline in a house form, e.g. `●王英`, `●王英 李明`. */
export function formatByline(marker: string, names: string[], separator: string): string {
  if (marker.startsWith('（')) return `${marker}${names.join(separator)}）`;
  return marker + names.join(separator);
}
