// How characters sound (pinyin-pro's readings, tones ignored): a substituted character that sounds
// like the one it replaces is most likely the input method's slip (为/未, 合/和, 赢/嬴), not another
// word chosen on purpose. pinyin-pro builds its tables on the first reading asked for: most drafts
// never ask.

import { pinyin } from 'pinyin-pro';

const readings = new Map<string, readonly string[]>();

/** The character's readings without tones (several for a polyphone: 和 he, huo, hu). */
export function readingsOf(char: string): readonly string[] {
  let r = readings.get(char);
  if (!r) {
    r = /^\p{Script=Han}$/u.test(char) ? pinyin(char, { toneType: 'none', multiple: true, type: 'array' }) : [];
    readings.set(char, r);
  }
  return r;
}

/**
 * Two different Han characters read the same in their usual reading (tones ignored): 为 and 未,
 * 赢 and 嬴. A polyphone's rarer readings are left out (和 as huo would make 或 sound like it).
 */
export function soundsAlike(a: string, b: string): boolean {
  if (a === b) return false;
  const ra = readingsOf(a);
  return ra.length > 0 && ra[0] === readingsOf(b)[0];
}
