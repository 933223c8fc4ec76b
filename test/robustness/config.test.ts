// Hostile or broken configuration: every broken `.opinionlintrc.json` or profile gets a message
// naming the file and the key; the CLI exits 2 without linting; the engine falls back to the
// default profile; JSON keys like __proto__ never reach a prototype; size limits are reported.

import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfigForFile, parseConfigText } from '../../server/src/workspace/config';
import { clearProfileCache, loadProfile, MAX_PROFILE_BYTES } from '../../server/src/workspace/profiles';
import { lintFile } from '../helpers/lint-file';
import { PROJECT_ROOT } from '../helpers/corpus';
import { runBin } from '../cli/helpers';
import { DRAFT, SLOGAN } from './helpers';

const root = mkdtempSync(path.join(tmpdir(), 'opinion-lint-hostile-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const shipped = readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8');
const defaultName = JSON.parse(shipped).name as string;

/** A folder holding one draft and the given files (name → content); returns the folder. */
function desk(name: string, files: Record<string, string>): string {
  const dir = path.join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, '稿件.txt'), DRAFT);
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dir, file), content);
  return dir;
}

const rc = (value: unknown) => ({ '.opinionlintrc.json': typeof value === 'string' ? value : JSON.stringify(value) });

describe('broken .opinionlintrc.json and profiles through the CLI: exit 2, file and key named, nothing linted', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ['bad JSON', rc('{ "profile": "default", "rules": { "slogan-repeat": "off" '), ['不是有效的 JSON', '第 1 行']],
    ['trailing comma', rc('{ "rules": { "slogan-repeat": "off", } }'), ['不是有效的 JSON']],
    ['rules is an array', rc({ rules: ['slogan-repeat'] }), ['“rules”', '数组']],
    ['maxFileSize is a string', rc({ maxFileSize: '2MB' }), ['“maxFileSize”', '正整数']],
    ['maxFileSize is negative', rc({ maxFileSize: -1 }), ['“maxFileSize”']],
    ['profile is a number', rc({ profile: 42 }), ['“profile”', '数字']],
    ['unknown rule id', rc({ rules: { 'slogan-repeet': 'off' } }), ['“rules.slogan-repeet”', '未知的规则', 'slogan-repeat']],
    ['bad severity', rc({ rules: { 'slogan-cliche': 'loud' } }), ['“rules.slogan-cliche”']],
    ['option of the wrong type', rc({ rules: { 'slogan-repeat': { options: { limit: 'three' } } } }), ['“rules.slogan-repeat.options.limit”', '类型不对']],
    ['unknown top-level key', rc({ profle: 'default' }), ['“profle”', '是不是想写 “profile”']],
    ['profile path that does not exist', rc({ profile: './profiles/house.json' }), ['“profile”', 'house.json', '不存在']],
    ['profile path that is a folder', rc({ profile: '../' }), ['“profile”']],
    ['profile path pointing at an unrelated file', rc({ profile: '/etc/hostname' }), ['“profile”', '/etc/hostname']],
    ['truncated profile', { ...rc({ profile: './house.json' }), 'house.json': shipped.slice(0, 5000) }, ['house.json', '不是有效的 JSON']],
    ['wrong-version profile', { ...rc({ profile: './house.json' }), 'house.json': JSON.stringify({ ...JSON.parse(shipped), version: 99 }) }, ['house.json', '“version”']],
    ['profile with a field of the wrong type', { ...rc({ profile: './house.json' }), 'house.json': JSON.stringify({ ...JSON.parse(shipped), register: { ...JSON.parse(shipped).register, phrases: {} } }) }, ['house.json', '“register.phrases”']],
  ];

  it.each(cases)('%s', (name, files, expected) => {
    const dir = desk(`cli-${name.replace(/\W+/g, '-')}`, files);
    const run = runBin(['lint', '.', '--format', 'json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path.join(dir, '.opinionlintrc.json').replace(/\.opinionlintrc\.json$/, ''));
    for (const text of expected) expect(run.stderr).toContain(text);
    expect(run.stderr).toContain('配置有误，未进行检查');
    expect(run.stdout).toBe('');
    // The draft was read, never written.
    expect(readFileSync(path.join(dir, '稿件.txt'), 'utf8')).toBe(DRAFT);
  });
});

describe('profiles that cannot be used fall back to the default, with a reason and without throwing', () => {
  const dir = path.join(root, 'profiles');
  mkdirSync(dir, { recursive: true });

  it.each([
    ['a folder', () => dir, '不是普通文件'],
    ['a named pipe', () => {
      const fifo = path.join(dir, 'pipe.json');
      execFileSync('mkfifo', [fifo]);
      return fifo;
    }, '不是普通文件'],
    ['a file over the size limit', () => {
      const huge = path.join(dir, 'huge.json');
      writeFileSync(huge, '');
      truncateSync(huge, MAX_PROFILE_BYTES + 1);
      return huge;
    }, '过大'],
    ['a truncated file', () => {
      const cut = path.join(dir, 'cut.json');
      writeFileSync(cut, shipped.slice(0, shipped.length / 2));
      return cut;
    }, '不是有效的 JSON'],
  ])('%s', (_name, make, reason) => {
    clearProfileCache();
    const spec = make();
    const loaded = loadProfile(spec);
    expect(loaded.error).toContain(spec);
    expect(loaded.error).toContain(reason);
    expect(loaded.error).toContain('已改用内置默认档案');
    expect(loaded.profile.name).toBe(defaultName);
  });
});

describe('configuration is data: __proto__ and constructor keys never reach a prototype', () => {
  it('a hostile config and profile, loaded and used for a lint, leave Object.prototype clean', () => {
    const profile = JSON.parse(shipped);
    const hostileProfile = shipped
      .replace(/^\{/, '{"__proto__": {"polluted": "profile-top"}, "constructor": {"prototype": {"polluted": "profile-ctor"}},')
      .replace('"register": {', '"register": {"__proto__": {"polluted": "profile-nested"},');
    const dir = desk('pollution', {
      '.opinionlintrc.json':
        '{"__proto__": {"polluted": "config-top"}, "constructor": {"prototype": {"polluted": "config-ctor"}}, "profile": "./house.json", ' +
        `"allowPhrases": ["${SLOGAN}"], "rules": {"slogan-repeat": {"options": {"__proto__": {"polluted": "options"}, "limit": 1}}}}`,
      'house.json': hostileProfile,
    });
    expect(profile.name).toBeTruthy();
    clearProfileCache();

    const loaded = loadConfigForFile(path.join(dir, '稿件.txt'));
    // The unknown keys are reported as such; nothing was assigned through them.
    expect(loaded.errors.map((e) => e.key)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
    const parsed = parseConfigText('{"__proto__": {"polluted": "direct"}, "rules": {"constructor": "off"}}', 'x.json');
    expect(parsed.errors.map((e) => e.key)).toEqual(['__proto__', 'rules.constructor']);
    const { result } = lintFile(path.join(dir, '稿件.txt'), { config: { ...loaded.config } });
    expect(result.findings.length).toBeGreaterThan(0);
    expect(loadProfile(path.join(dir, 'house.json')).error).toBeUndefined();

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  });
});

describe('size limits are configurable and reported when hit', () => {
  it('a draft over maxFileSize in .opinionlintrc.json is skipped, naming the size and the setting', () => {
    const dir = desk('size-limit', rc({ maxFileSize: 64 }));
    const { result } = lintFile(path.join(dir, '稿件.txt'));
    expect(result.findings).toEqual([]);
    expect(result.skipped).toMatch(/文件过大/);
    expect(result.skipped).toContain('上限');
    const run = runBin(['lint', '稿件.txt', '--format', 'json'], dir);
    expect(run.code).toBe(0);
    // Machine formats keep stdout for results; the skip and its reason go to stderr.
    expect(run.stderr).toMatch(/稿件\.txt：文件过大.*maxFileSize/);
  });

  it('a config file over 1 MB is refused with its size, not parsed', () => {
    const dir = desk('huge-config', rc(`{"allowPhrases": [${Array(120_000).fill(`"${SLOGAN}"`).join(',')}]}`));
    const loaded = loadConfigForFile(path.join(dir, '稿件.txt'));
    expect(loaded.errors).toHaveLength(1);
    expect(loaded.errors[0].message).toContain('过大');
    expect(loaded.errors[0].message).toContain(path.join(dir, '.opinionlintrc.json'));
  });
});
