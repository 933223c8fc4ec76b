// Reading numerals: Chinese numerals (三百, 二十六, 一亿两千万), full-width digits, magnitudes (万, 亿).

export const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_SMALL: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const MAGNITUDE_EXP: Record<string, number> = { 十: 1, 百: 2, 千: 3, 万: 4, 亿: 8 };

/** Converts full-width digits and the full-width point to ASCII. */
export function toHalfWidthDigits(s: string): string {
  return s.replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
}

/** Parses a Chinese numeral (三百, 二十六, 一亿两千万, 三点五, 二〇二四); undefined when it is not one. */
export function parseChineseNumber(s: string): number | undefined {
  const point = s.indexOf('点');
  if (point >= 0) {
    const tail = /^([零〇一二三四五六七八九]+)([万亿]*)$/.exec(s.slice(point + 1));
    const whole = point === 0 ? 0 : parseChineseNumber(s.slice(0, point));
    if (!tail || whole === undefined) return undefined;
    const fraction = [...tail[1]].map((c) => CN_DIGIT[c]).join('');
    return scale(`${whole}.${fraction}`, magnitudeExponent(tail[2]));
  }
  if (/^[零〇一二两三四五六七八九]+$/.test(s)) return s.length === 1 ? CN_DIGIT[s] : Number([...s].map((c) => CN_DIGIT[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  let sawDigit = false;
  for (const c of s) {
    if (c in CN_DIGIT) {
      digit = CN_DIGIT[c];
      sawDigit = true;
    } else if (c in CN_SMALL) {
      section += (sawDigit ? digit : 1) * CN_SMALL[c];
      digit = 0;
      sawDigit = false;
    } else if (c === '万') {
      total += (section + digit || 1) * 1e4;
      section = digit = 0;
      sawDigit = false;
    } else if (c === '亿') {
      total = (total + section + digit || 1) * 1e8;
      section = digit = 0;
      sawDigit = false;
    } else return undefined;
  }
  return total + section + digit;
}

/** 300, 20000, 10: one significant digit (十二 = 12 has two, though only one of its characters is a digit). */
export function oneSignificantDigit(value: number): boolean {
  if (!Number.isInteger(value) || value <= 0) return false;
  let v = value;
  while (v % 10 === 0) v /= 10;
  return v < 10;
}

export function magnitudeExponent(chars: string): number {
  let exp = 0;
  for (const c of chars) exp += MAGNITUDE_EXP[c] ?? 0;
  return exp;
}

/** Exact decimal scaling (6.1 × 10^4 = 61000, not 61000.00000000001). */
export function scale(decimal: string, exponent: number): number {
  return Number(`${decimal}e${exponent}`);
}

const CN_DIGIT_NAMES = '零一二三四五六七八九';

/** An Arabic number below 10000 in Chinese numerals (30 → 三十, 15 → 十五, 5.2 → 五点二); undefined above. */
export function toChineseNumber(digits: string): string | undefined {
  const m = /^([0-9]+)(?:\.([0-9]+))?$/.exec(digits);
  if (!m || m[1].length > 4) return undefined;
  const n = Number(m[1]);
  const places = ['千', '百', '十', ''];
  const ds = m[1].padStart(4, '0').split('').map(Number);
  let out = '';
  let zero = false;
  ds.forEach((d, i) => {
    if (d === 0) {
      zero = out !== '';
      return;
    }
    if (zero) out += '零';
    zero = false;
    // 十五, not 一十五, when 十 leads.
    out += (d === 1 && places[i] === '十' && out === '' ? '' : CN_DIGIT_NAMES[d]) + places[i];
  });
  if (n === 0) out = '零';
  return m[2] ? `${out}点${[...m[2]].map((c) => CN_DIGIT_NAMES[Number(c)]).join('')}` : out;
}
