import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseProfileText } from '../../server/src/engine/profile/load';
import { builtinProfileDir, loadProfile } from '../../server/src/workspace/profiles';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { serializeProfile } from '../../server/src/engine/profile/serialize';
import { PROJECT_ROOT } from '../helpers/corpus';
import { phraseEntry } from '../helpers/phrase-stats';

const dir = mkdtempSync(path.join(tmpdir(), 'ol-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function smallProfile() {
  const p = emptyProfile('小报');
  p.register.phrases = [phraseEntry('久久为功', { count: 9, articles: 5, keyness: 9.5, cliche: true })];
  p.register.attributionCues = { 据: 3, 数据显示: 2 };
  return p;
}

describe('loadProfile', () => {
  it('finds the built-in profiles by name', () => {
    expect(builtinProfileDir()).toBe(path.join(PROJECT_ROOT, 'server', 'profiles'));
    const def = loadProfile('default', dir);
    expect(def.error).toBeUndefined();
    expect(def.profile.name).toBe('default');
    expect(def.path).toBe(path.join(PROJECT_ROOT, 'server/profiles/default.json'));
    expect(loadProfile('people-daily', dir).profile.name).toBe('people-daily');
    expect(loadProfile(undefined, dir).profile.name).toBe('default');
  });

  it('loads a profile file by path relative to the base folder', () => {
    writeFileSync(path.join(dir, 'house.json'), serializeProfile(smallProfile()));
    const r = loadProfile('house.json', dir);
    expect(r.error).toBeUndefined();
    expect(r.profile.name).toBe('小报');
    expect(r.profile.register.phrases[0].phrase).toBe('久久为功');
  });

  it('names the file and the bad key, and falls back to the default profile', () => {
    const bad = JSON.parse(serializeProfile(smallProfile()));
    bad.register.phrases[0].count = '九';
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bad));
    const r = loadProfile(file, dir);
    expect(r.profile.name).toBe('default');
    expect(r.error).toContain(file);
    expect(r.error).toContain('register.phrases[0].count');
    expect(r.error).toContain('已改用内置默认档案');
  });

  it('explains a wrong version, broken JSON and a missing file without throwing', () => {
    const old = { ...JSON.parse(serializeProfile(smallProfile())), version: 99 };
    writeFileSync(path.join(dir, 'old.json'), JSON.stringify(old));
    expect(loadProfile('old.json', dir).error).toMatch(/version.*重新生成/);
    writeFileSync(path.join(dir, 'broken.json'), '{"format": "opinion-lint-profile",');
    expect(loadProfile('broken.json', dir).error).toMatch(/不是有效的 JSON/);
    const missing = loadProfile('nowhere.json', dir);
    expect(missing.error).toMatch(/找不到配置档案/);
    expect(missing.profile.name).toBe('default');
  });

  it('asks for a shard packed before token offsets were jumps to be learned again', () => {
    const shard = JSON.parse(serializeProfile(smallProfile()));
    shard.kind = 'shard';
    shard.register.shard = { words: ['\n', '发展'], tags: ['x', 'v'], articles: [{ key: 'a.txt#0000', file: 'a.txt', headline: '', hanChars: 2, month: '', tokens: 'AQ==', offsets: 'AA==' }] };
    const r = parseProfileText(JSON.stringify(shard), 'old-shard.json');
    expect(r.profile).toBeUndefined();
    expect(r.error).toMatch(/register\.shard\.articles\[0\]\.jumps.*learn --shard/);
  });

  it('drops __proto__ and constructor keys instead of polluting prototypes', () => {
    const text = serializeProfile(smallProfile()).replace('"attributionCues": {', '"attributionCues": {"__proto__": {"polluted": 1}, "constructor": 5, ');
    const r = parseProfileText(`{"__proto__": {"polluted": true}, ${text.trim().slice(1)}`, 'evil.json');
    expect(r.error).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(r.profile!.register.attributionCues).sort()).toEqual(['据', '数据显示']);
    expect(r.profile!.register.attributionCues.constructor).toBeUndefined();
  });

  it('re-reads a profile only when the file changed', () => {
    const file = path.join(dir, 'cached.json');
    writeFileSync(file, serializeProfile(smallProfile()));
    const first = loadProfile(file, dir).profile;
    expect(loadProfile(file, dir).profile).toBe(first);
    const changed = smallProfile();
    changed.name = '小报二版';
    writeFileSync(file, serializeProfile(changed));
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(loadProfile(file, dir).profile.name).toBe('小报二版');
  });
});

describe('serializeProfile', () => {
  it('sorts keys, ends with a newline and round-trips', () => {
    const p = smallProfile();
    const text = serializeProfile(p);
    expect(text.indexOf('"format"')).toBeLessThan(text.indexOf('"house"'));
    expect(text.indexOf('"house"')).toBeLessThan(text.indexOf('"kind"'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(parseProfileText(text, 'x.json').profile).toEqual(p);
  });

  it('keeps the shipped profiles small', () => {
    for (const name of ['default', 'people-daily']) {
      expect(readFileSync(path.join(PROJECT_ROOT, 'server/profiles', `${name}.json`)).length).toBeLessThan(3 * 1024 * 1024);
    }
  });
});
