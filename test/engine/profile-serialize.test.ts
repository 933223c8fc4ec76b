import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serializeProfile, writeProfileJson } from '../../server/src/engine/profile/serialize';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { writeFileAtomic } from '../../server/src/workspace/write';

describe('serializeProfile', () => {
  it('prints short records on one line with keys sorted, number-like keys first in numeric order', () => {
    const profile = emptyProfile('样例');
    profile.house.byline!.nameLengths = { '3': 5, '10': 1, '2': 40 };
    profile.register.attributionCues = { 据统计: 3, 表示: 2, 介绍: 7 };
    const text = serializeProfile(profile);
    expect(text).toContain('"nameLengths": {"2":40,"3":5,"10":1}');
    expect(text).toContain('"attributionCues": {"介绍":7,"据统计":3,"表示":2}');
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(profile)));
  });

  it('keeps a "__proto__" key as data and leaves out undefined fields', () => {
    const profile = emptyProfile('样例');
    profile.register.attributionCues = JSON.parse('{"__proto__": 2, "称": 1}');
    (profile.house.numberStyle as unknown as Record<string, unknown>).note = undefined;
    const text = serializeProfile(profile);
    expect(text).toContain('"attributionCues": {"__proto__":2,"称":1}');
    expect(text).not.toContain('note');
  });

  it('breaks a record longer than one line into one key per line, sorted', () => {
    const profile = emptyProfile('样例');
    profile.register.attributionCues = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`线索${String(i).padStart(2, '0')}`, i]));
    const lines = serializeProfile(profile).split('\n');
    const at = lines.findIndex((l) => l.includes('"attributionCues": {'));
    expect(lines[at + 1].trim()).toBe('"线索00": 0,');
    expect(lines[at + 30].trim()).toBe('"线索29": 29');
  });

  it('hands a large profile over in chunks that join to the same text, written to disk byte for byte', () => {
    const profile = emptyProfile('样例');
    // Thousands of multi-line records (more pieces than one chunk holds), with characters outside the BMP.
    profile.register.attributionCues = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`据𠮷${i}统计`, i]));
    const chunks: string[] = [];
    writeProfileJson(profile, (chunk) => chunks.push(chunk));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join('')).toBe(serializeProfile(profile));
    const dir = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-serialize-'));
    try {
      const file = path.join(dir, 'profile.json');
      writeFileAtomic(file, (write) => writeProfileJson(profile, write));
      expect(readFileSync(file, 'utf8')).toBe(serializeProfile(profile));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
