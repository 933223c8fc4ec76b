// Terminal display width: CJK and full-width characters take two columns.

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}]|[\u{20000}-\u{3fffd}]/u;

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

export function padToWidth(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** The longest prefix of `s` that fits in `columns`. */
export function cutToWidth(s: string, columns: number): string {
  let used = 0;
  let out = '';
  for (const ch of s) {
    const w = WIDE.test(ch) ? 2 : 1;
    if (used + w > columns) break;
    used += w;
    out += ch;
  }
  return out;
}
