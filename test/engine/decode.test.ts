import { describe, expect, it } from 'vitest';
import * as iconv from 'iconv-lite';
import { decodeBuffer } from '../../server/src/engine/text/decode';

const DRAFT = '让城市更有温度\r\n●李明\r\n\r\n今年以来，全市新开通公交线路12条。\r\n';

describe('decodeBuffer', () => {
  it('reads UTF-8 and keeps CRLF line endings', () => {
    const r = decodeBuffer(Buffer.from(DRAFT, 'utf8'));
    expect(r).toEqual({ ok: true, text: DRAFT, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM and says so', () => {
    const r = decodeBuffer(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(DRAFT, 'utf8')]));
    expect(r).toEqual({ ok: true, text: DRAFT, encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(DRAFT, 'utf16le')]);
    expect(decodeBuffer(le)).toEqual({ ok: true, text: DRAFT, encoding: 'utf-16le' });
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    expect(decodeBuffer(be)).toEqual({ ok: true, text: DRAFT, encoding: 'utf-16be' });
  });

  it('detects GB18030/GBK text, including characters outside GBK', () => {
    const text = '乡村振兴要久久为功\n●王芳\n\n镇上新建了𠀀字号老作坊，产值增长两成。\n';
    const r = decodeBuffer(iconv.encode(text, 'gb18030'));
    expect(r).toEqual({ ok: true, text, encoding: 'gb18030' });
    const gbk = '社区食堂开进老小区\n\n每餐补贴3元，老人吃得实惠。\n';
    expect(decodeBuffer(iconv.encode(gbk, 'gbk'))).toEqual({ ok: true, text: gbk, encoding: 'gb18030' });
  });

  it('refuses binary files with a Chinese reason', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const r = decodeBuffer(png);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/PNG 图片/);
    const nul = decodeBuffer(Buffer.from('正文\u0000\u0000内容', 'utf8'));
    expect(nul.ok).toBe(false);
    if (!nul.ok) expect(nul.reason).toMatch(/NUL/);
  });

  it('refuses bytes that are neither UTF-8 nor plausible Chinese', () => {
    const noise = Buffer.from(Array.from({ length: 400 }, (_, i) => 0x80 + ((i * 37) % 0x7f)));
    const r = decodeBuffer(noise);
    expect(r.ok).toBe(false);
  });
});
