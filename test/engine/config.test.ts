import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import schema from '../../schemas/opinionlintrc.schema.json';
import { applyConfigToProfile, mergeConfig, parseRuleFlag } from '../../server/src/engine/config/load';
import { ConfigCache, findConfigFile, loadConfigForFile, parseConfigText, resolveProfileSpec } from '../../server/src/workspace/config';
import { parseJson } from '../../server/src/engine/config/json';
import { defaultConfig } from '../../server/src/engine/config/types';
import { emptyProfile } from '../../server/src/engine/profile/empty';
import { RULE_IDS } from '../../server/src/engine/rules';

const root = mkdtempSync(path.join(tmpdir(), 'opinion-lint-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function folder(...parts: string[]): string {
  const dir = path.join(root, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

const FILE = '/稿件/.opinionlintrc.json';
const errorsOf = (text: string) => parseConfigText(text, FILE).errors;

describe('finding the config', () => {
  it('uses the nearest .opinionlintrc.json above the linted file', () => {
    const top = folder('newsroom');
    const desk = folder('newsroom', '评论部', '今日稿件');
    writeFileSync(path.join(top, '.opinionlintrc.json'), JSON.stringify({ rules: { 'slogan-cliche': 'off' } }));
    writeFileSync(path.join(top, '评论部', '.opinionlintrc.json'), JSON.stringify({ allowPhrases: ['新质生产力'] }));
    const draft = path.join(desk, '社区食堂.txt');
    expect(findConfigFile(desk)).toBe(path.join(top, '评论部', '.opinionlintrc.json'));
    const loaded = loadConfigForFile(draft);
    expect(loaded.errors).toEqual([]);
    // Nearest wins: the parent's rule setting does not leak into the folder with its own config.
    expect(loaded.config.allowPhrases).toEqual(['新质生产力']);
    expect(loaded.config.rules).toEqual({});
  });

  it('falls back to the defaults when there is no config anywhere above', () => {
    const dir = folder('no-config');
    const loaded = loadConfigForFile(path.join(dir, 'a.txt'));
    expect(loaded.file).toBeUndefined();
    expect(loaded.config).toEqual(defaultConfig());
  });

  it('uses an explicit config file instead of searching, and reports a missing one', () => {
    const dir = folder('explicit');
    const file = path.join(dir, 'house.json');
    writeFileSync(file, JSON.stringify({ maxFileSize: 4096 }));
    expect(loadConfigForFile('/anywhere/draft.txt', file).config.maxFileSize).toBe(4096);
    const missing = loadConfigForFile('/anywhere/draft.txt', path.join(dir, 'nope.json'));
    expect(missing.errors[0].message).toContain('nope.json');
  });

  it('caches per folder and forgets on clear', () => {
    const dir = folder('cached');
    const file = path.join(dir, '.opinionlintrc.json');
    writeFileSync(file, JSON.stringify({ maxFileSize: 100 }));
    const cache = new ConfigCache();
    expect(cache.forFile(path.join(dir, 'a.txt')).config.maxFileSize).toBe(100);
    writeFileSync(file, JSON.stringify({ maxFileSize: 200 }));
    expect(cache.forFile(path.join(dir, 'b.txt')).config.maxFileSize).toBe(100);
    cache.clear();
    expect(cache.forFile(path.join(dir, 'b.txt')).config.maxFileSize).toBe(200);
  });
});

describe('validating the config', () => {
  it('accepts every documented form', () => {
    const dir = folder('valid');
    writeFileSync(path.join(dir, 'house-profile.json'), '{}');
    const { layer, errors } = parseConfigText(
      JSON.stringify({
        $schema: './node_modules/opinion-lint/schemas/opinionlintrc.schema.json',
        profile: './house-profile.json',
        rules: { 'slogan-cliche': 'off', 'figure-format': 'error', 'figure-unsourced': { severity: 'information', options: { minCueCount: 5 } } },
        allowPhrases: ['高质量发展', ' 新质生产力 '],
        byline: { marker: '●', position: 'after-headline', separator: '、' },
        maxFileSize: 1048576,
      }),
      path.join(dir, '.opinionlintrc.json'),
    );
    expect(errors).toEqual([]);
    expect(layer.profile).toBe(path.join(dir, 'house-profile.json'));
    expect(layer.rules).toEqual({
      'slogan-cliche': { severity: 'off' },
      'figure-format': { severity: 'error' },
      'figure-unsourced': { severity: 'information', options: { minCueCount: 5 } },
    });
    expect(layer.allowPhrases).toEqual(['高质量发展', '新质生产力']);
    expect(layer.byline).toEqual({ marker: '●', position: 'after-headline', separator: '、' });
    expect(layer.maxFileSize).toBe(1048576);
  });

  it('names the file and the key of an unknown rule id, and suggests the near miss', () => {
    const [e] = errorsOf('{ "rules": { "slogan-repeats": "warning" } }');
    expect(e.key).toBe('rules.slogan-repeats');
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('rules.slogan-repeats');
    expect(e.message).toContain('未知的规则');
    expect(e.message).toContain('slogan-repeat”？');
  });

  it('rejects a bad severity, in both forms', () => {
    const errors = errorsOf('{ "rules": { "broken-line": "warn", "punctuation-width": { "severity": "fatal" } } }');
    expect(errors.map((e) => e.key)).toEqual(['rules.broken-line', 'rules.punctuation-width.severity']);
    expect(errors[0].message).toContain('“warn”');
  });

  it('rejects wrong types with the type it found', () => {
    const errors = errorsOf('{ "profile": 3, "rules": [], "allowPhrases": "高质量发展", "byline": { "position": "top", "marker": 1 }, "maxFileSize": -5 }');
    expect(errors.map((e) => e.key).sort()).toEqual(['allowPhrases', 'byline.marker', 'byline.position', 'maxFileSize', 'profile', 'rules'].sort());
    expect(errors.find((e) => e.key === 'rules')!.message).toContain('数组');
    expect(errors.find((e) => e.key === 'allowPhrases')!.message).toContain('字符串');
  });

  it('rejects unknown keys at every level', () => {
    const errors = errorsOf('{ "profle": "default", "byline": { "name": "王英" }, "rules": { "figure-conflict": { "level": "error" } } }');
    expect(errors.map((e) => e.key).sort()).toEqual(['byline.name', 'profle', 'rules.figure-conflict.level']);
    expect(errors.find((e) => e.key === 'profle')!.message).toContain('“profile”？');
  });

  it('checks rule options against what the rule declares', () => {
    const errors = errorsOf('{ "rules": { "figure-unsourced": { "options": { "minCueCount": "三", "cues": [] } }, "punctuation-width": { "options": { "x": 1 } } } }');
    expect(errors.map((e) => e.key)).toEqual(['rules.figure-unsourced.options.minCueCount', 'rules.figure-unsourced.options.cues', 'rules.punctuation-width.options.x']);
    expect(errors[2].message).toContain('没有可配置的选项');
  });

  it('reports a JSON syntax error with line and column', () => {
    const [e] = errorsOf('{\n  "rules": {\n    "broken-line": "off",\n  }\n}');
    expect(e.key).toBeUndefined();
    expect(e.message).toContain(FILE);
    expect(e.message).toContain('第 4 行第 3 列');
  });

  it('rejects a top level that is not an object', () => {
    expect(errorsOf('["default"]')[0].message).toContain('顶层应为 JSON 对象');
  });

  it('reports a profile path that does not exist, relative to the config file', () => {
    const [e] = errorsOf('{ "profile": "../profiles/missing.json" }');
    expect(e.key).toBe('profile');
    expect(e.message).toContain(path.resolve('/profiles/missing.json'));
  });

  it('reports an unknown built-in profile name', () => {
    expect(errorsOf('{ "profile": "new-york-times" }')[0].message).toContain('未知的内置文风档案');
  });
});

describe('configs are data', () => {
  it('cannot pollute prototypes through __proto__ or constructor keys', () => {
    const text = '{ "__proto__": { "polluted": true }, "constructor": { "prototype": { "polluted": true } }, "rules": { "figure-conflict": { "options": { "__proto__": { "polluted": true } } } } }';
    const { layer, errors } = parseConfigText(text, FILE);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(errors.map((e) => e.key)).toEqual(['__proto__', 'constructor', 'rules.figure-conflict.options.__proto__']);
    const merged = mergeConfig(defaultConfig(), layer);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(merged.rules)).toBe(Object.prototype);
  });

  it('parses JSON strictly: duplicate keys, escapes, nesting', () => {
    expect(() => parseJson('{"a": 1, "a": 2}')).toThrow(/重复/);
    expect(parseJson('"\\u9ad8\\u8d28\\u91cf"')).toBe('高质量');
    expect(parseJson('\ufeff{"a": [1, -2.5e3, true, null]}')).toEqual({ a: [1, -2500, true, null] });
    expect(() => parseJson('['.repeat(100) + ']'.repeat(100))).toThrow(/嵌套/);
    expect(() => parseJson('{"a": 1} x')).toThrow(/第 1 行第 10 列/);
  });
});

describe('merging and overrides', () => {
  it('merges rule settings and options per rule', () => {
    const base = mergeConfig(defaultConfig(), { rules: { 'figure-unsourced': { severity: 'error', options: { minCueCount: 2 } } } });
    const merged = mergeConfig(base, { rules: { 'figure-unsourced': { options: { minCueCount: 4 } }, 'broken-line': { severity: 'off' } } });
    expect(merged.rules).toEqual({ 'figure-unsourced': { severity: 'error', options: { minCueCount: 4 } }, 'broken-line': { severity: 'off' } });
  });

  it('parses --rule flags', () => {
    expect(parseRuleFlag('slogan-cliche=off')).toEqual({ id: 'slogan-cliche', severity: 'off' });
    expect(parseRuleFlag('figure-format = error')).toEqual({ id: 'figure-format', severity: 'error' });
    expect(parseRuleFlag('no-such-rule=off')).toHaveProperty('error');
    expect(parseRuleFlag('broken-line')).toHaveProperty('error');
    expect(parseRuleFlag('broken-line=loud')).toHaveProperty('error');
  });

  it('resolves profile specs', () => {
    expect(resolveProfileSpec('people-daily', '/x')).toEqual({ profile: 'people-daily' });
    expect(resolveProfileSpec('./p.json', '/x').error).toContain(path.resolve('/x/p.json'));
  });

  it('applies a byline override to a copy of the profile', () => {
    const profile = emptyProfile('测试');
    profile.house.byline.marker = '●';
    profile.house.byline.position = 'after-headline';
    const configured = applyConfigToProfile(profile, { ...defaultConfig(), byline: { marker: '文/', position: 'end', separator: '、' } });
    expect(configured.house.byline.marker).toBe('文/');
    expect(configured.house.byline.position).toBe('end');
    expect(configured.house.byline.separators).toEqual({ '、': 1 });
    expect(profile.house.byline.marker).toBe('●');
    expect(profile.house.byline.position).toBe('after-headline');
    expect(applyConfigToProfile(profile, defaultConfig())).toBe(profile);
  });
});

describe('the JSON Schema', () => {
  it('lists exactly the rule ids of the registry', () => {
    expect(Object.keys(schema.properties.rules.properties).sort()).toEqual([...RULE_IDS].sort());
  });

  it('lists exactly the keys the loader accepts', () => {
    for (const key of Object.keys(schema.properties)) {
      const sample: Record<string, unknown> = { $schema: 'x', profile: 'default', rules: {}, allowPhrases: [], byline: {}, maxFileSize: 10 };
      expect(parseConfigText(JSON.stringify({ [key]: sample[key] }), FILE).errors).toEqual([]);
    }
    expect(schema.additionalProperties).toBe(false);
  });
});
