// Bytes → text. Newsroom files arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, or
// GB18030/GBK. Anything else (binary, images, undecodable bytes) is refused with a Chinese reason:
// a file is either read whole or not at all, never half-read (reading is the workspace's, see
// workspace/read.ts).

import { isUtf8 } from 'node:buffer';
import * as iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030';

export type DecodeResult = { ok: true; text: string; encoding: TextEncoding } | { ok: false; reason: string };

const MAGIC: [string, number[]][] = [
  ['PNG 图片', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG 图片', [0xff, 0xd8, 0xff]],
  ['GIF 图片', [0x47, 0x49, 0x46, 0x38]],
  ['PDF 文档', [0x25, 0x50, 0x44, 0x46]],
  ['ZIP 压缩包（或 Word/Excel 文档）', [0x50, 0x4b, 0x03, 0x04]],
  ['Word 97-2003 文档', [0xd0, 0xcf, 0x11, 0xe0]],
  ['WebP/RIFF 文件', [0x52, 0x49, 0x46, 0x46]],
  ['BMP 图片', [0x42, 0x4d]],
  ['gzip 压缩包', [0x1f, 0x8b]],
];

/** Share of control characters (other than tab/CR/LF/FF) above which a text is not a draft. */
const MAX_CONTROL_SHARE = 0.02;
/** Share of decoded characters that must be CJK, ASCII or common punctuation for a GB18030 guess. */
const MIN_PLAUSIBLE_SHARE = 0.9;

export function decodeBuffer(buf: Uint8Array): DecodeResult {
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return decodeUtf16(buf, 'utf-16le');
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return decodeUtf16(buf, 'utf-16be');

  for (const [kind, magic] of MAGIC) {
    if (buf.length >= magic.length && magic.every((b, i) => buf[i] === b)) {
      return { ok: false, reason: `这是${kind}，不是文本稿件，已跳过。` };
    }
  }
  if (buf.includes(0)) return { ok: false, reason: '文件含有 NUL 字节，是二进制文件而不是文本稿件，已跳过。' };

  const hasBom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  // Validated, then decoded: what a fatal TextDecoder does, in a fraction of its time (no ICU).
  if (isUtf8(buf)) {
    const bytes = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    return checked(bytes.toString('utf8', hasBom ? 3 : 0), hasBom ? 'utf-8-bom' : 'utf-8');
  }
  // Not UTF-8: newsroom files are often GB18030/GBK.
  const text = iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), 'gb18030');
  if (!plausibleChinese(text)) {
    return { ok: false, reason: '无法识别文件编码（既不是 UTF-8，也不像 GB18030/GBK 中文文本），已跳过。请另存为 UTF-8 后重试。' };
  }
  return checked(text, 'gb18030');
}

/** Fatal decoding: a truncated file (odd length) or a lone surrogate is refused, not read with U+FFFD in it. */
function decodeUtf16(buf: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    return checked(new TextDecoder(encoding, { fatal: true }).decode(buf.subarray(2)), encoding);
  } catch {
    return { ok: false, reason: `文件以 ${encoding.toUpperCase()} 字节顺序标记开头，但内容不是完整有效的 UTF-16（可能被截断或损坏），已跳过。请重新保存后再试。` };
  }
}

function checked(text: string, encoding: TextEncoding): DecodeResult {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) control++;
  }
  if (text.length > 0 && control / text.length > MAX_CONTROL_SHARE) {
    return { ok: false, reason: '文件含有大量控制字符或无法解码的字节，不像文本稿件，已跳过。' };
  }
  return { ok: true, text, encoding };
}

/** GB18030 decodes almost any byte sequence; accept it only when the result reads like Chinese text. */
function plausibleChinese(text: string): boolean {
  if (!text.length) return true;
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (
      (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13 ||
      (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x2010 && c <= 0x2027) || c === 0x00b7 || (c >= 0x25a0 && c <= 0x25ff)
    ) {
      good++;
    }
  }
  return good / [...text].length >= MIN_PLAUSIBLE_SHARE;
}
