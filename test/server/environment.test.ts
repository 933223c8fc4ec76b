// How the server resolves what a document is linted with: `.opinionlintrc.json` under editor
// settings, problems reported by name, the last good config kept, and where "allow this phrase" writes.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EnvironmentResolver } from '../../server/src/lsp/environment';
import { defaultSettings, normalizeSettings, type EditorSettings } from '../../server/src/lsp/settings';

let root: string;
const uriOf = (...parts: string[]) => pathToFileURL(path.join(root, ...parts)).href;

function resolver(settings: Partial<EditorSettings> = {}) {
  const problems: string[] = [];
  const resolve = new EnvironmentResolver(async () => ({ ...defaultSettings(), ...settings }), () => [root], {
    problem: (m) => problems.push(m),
    log: () => {},
  });
  return { resolve, problems };
}

beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-env-'));
  mkdirSync(path.join(root, 'desk', 'today'), { recursive: true });
  mkdirSync(path.join(root, 'loose'), { recursive: true });
  writeFileSync(path.join(root, 'desk', '.opinionlintrc.json'), JSON.stringify({ rules: { 'slogan-cliche': 'error', 'broken-line': 'off' }, allowPhrases: ['民生'] }));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('editor settings', () => {
  it('fall back to defaults for anything missing or mistyped', () => {
    expect(normalizeSettings(null)).toEqual(defaultSettings());
    const s = normalizeSettings({ enable: 'yes', languages: ['markdown', 3], profile: ' people-daily ', rules: { 'slogan-cliche': 'off', 'figure-format': 'loud' }, maxFileSize: -1 });
    expect(s).toEqual({ ...defaultSettings(), languages: ['markdown'], profile: 'people-daily', rules: { 'slogan-cliche': 'off' } });
  });
});

describe('EnvironmentResolver', () => {
  it('applies the nearest .opinionlintrc.json, with editor settings over it', async () => {
    const { resolve } = resolver({ rules: { 'slogan-cliche': 'off' } });
    const env = await resolve.environmentFor(uriOf('desk', 'today', 'draft.txt'));
    expect(env.configFile).toBe(path.join(root, 'desk', '.opinionlintrc.json'));
    expect(env.config.rules['slogan-cliche']?.severity).toBe('off');
    expect(env.config.rules['broken-line']?.severity).toBe('off');
    expect(env.config.allowPhrases).toEqual(['民生']);
    // The same object until something changes: the linter's cache relies on it.
    expect(await resolve.environmentFor(uriOf('desk', 'today', 'draft.txt'))).toBe(env);
  });

  it('names an unknown rule id in the settings and ignores it', async () => {
    const { resolve, problems } = resolver({ rules: { 'slogan-repeet': 'off' } as EditorSettings['rules'] });
    const env = await resolve.environmentFor(uriOf('loose', 'draft.txt'));
    expect(env.config.rules).toEqual({});
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('opinionLint.rules');
    expect(problems[0]).toContain('slogan-repeet');
  });

  it('keeps the last good config when the file breaks, and reports the file and key once', async () => {
    const file = path.join(root, 'loose', '.opinionlintrc.json');
    writeFileSync(file, JSON.stringify({ rules: { 'figure-format': 'off' } }));
    const { resolve, problems } = resolver();
    expect((await resolve.environmentFor(uriOf('loose', 'draft.txt'))).config.rules['figure-format']?.severity).toBe('off');

    writeFileSync(file, '{ "rules": { "figure-format": "of" } }');
    resolve.fileChanged(file);
    const env = await resolve.environmentFor(uriOf('loose', 'draft.txt'));
    expect(env.config.rules['figure-format']?.severity).toBe('off');
    await resolve.environmentFor(uriOf('loose', 'other.txt'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(file);
    expect(problems[0]).toContain('rules.figure-format');
    expect(problems[0]).toContain('上一次有效的配置');
    rmSync(file);
    resolve.fileChanged(file);
  });

  it('writes allowed phrases to the nearest config, or creates one at the workspace folder', () => {
    const { resolve } = resolver();
    expect(resolve.configFileFor(uriOf('desk', 'today', 'draft.txt'))).toEqual({ file: path.join(root, 'desk', '.opinionlintrc.json'), exists: true });
    expect(resolve.configFileFor(uriOf('loose', 'draft.txt'))).toEqual({ file: path.join(root, '.opinionlintrc.json'), exists: false });
  });
});
