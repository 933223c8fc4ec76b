import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RULES } from '../../server/src/engine/rules';
import { DRAFTS, runBin, runInProcess, tempDir } from './helpers';

const { dir, cleanup } = tempDir('exit');
afterAll(cleanup);
writeFileSync(path.join(dir, 'clean.txt'), DRAFTS.clean);
writeFileSync(path.join(dir, 'commas.txt'), DRAFTS.commas);
writeFileSync(path.join(dir, 'unbalanced.txt'), DRAFTS.unbalanced);

function project(name: string, config: string): string {
  const root = path.join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, '.opinionlintrc.json'), config);
  writeFileSync(path.join(root, 'draft.txt'), DRAFTS.commas);
  return root;
}

describe('exit codes of the real command', () => {
  it('0 when clean, 1 on errors, 2 on a config error', () => {
    expect(runBin(['lint', 'clean.txt'], dir).code).toBe(0);
    const errors = runBin(['lint', 'unbalanced.txt', 'clean.txt'], dir);
    expect(errors.code).toBe(1);
    expect(errors.stdout).toContain('punctuation-pairing');
    const root = project('bin-bad-rule', '{ "rules": { "slogan-repeats": "off" } }');
    const bad = runBin(['lint', 'draft.txt'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(path.join(root, '.opinionlintrc.json'));
    expect(bad.stderr).toContain('rules.slogan-repeats');
    expect(bad.stdout).toBe('');
  });

  it('hands a report larger than a pipe holds over whole before it exits, keeping the exit code', () => {
    // 600 drafts of findings: about 0.23 MB of JSON, several times a pipe's buffer (64 KB). The process
    // exits without freeing its heap, but only once stdout has taken everything.
    const many = path.join(dir, 'many');
    mkdirSync(many, { recursive: true });
    for (let i = 0; i < 600; i++) writeFileSync(path.join(many, `稿件${String(i).padStart(3, '0')}.txt`), i % 2 ? DRAFTS.unbalanced : DRAFTS.commas);
    const run = runBin(['lint', 'many', '--format', 'json'], dir);
    expect(run.code).toBe(1);
    expect(Buffer.byteLength(run.stdout)).toBeGreaterThan(200_000);
    const files = JSON.parse(run.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    expect(files).toHaveLength(600);
    expect(files[599].file).toBe(path.join('many', '稿件599.txt'));
    expect(files[599].diagnostics.map((d) => d.rule)).toContain('punctuation-pairing');
  });

  it('--version and --help exit 0; no command exits 2', () => {
    expect(runBin(['--version'], dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
    const help = runBin(['--help'], dir);
    expect(help.code).toBe(0);
    for (const word of ['lint', 'learn', 'merge', 'explain', '--format', '--fix', '--max-warnings', '--cache']) expect(help.stdout).toContain(word);
    expect(runBin([], dir).code).toBe(2);
  });
});

describe('exit codes', () => {
  it('warnings alone exit 0 unless there are more than --max-warnings', async () => {
    expect((await runInProcess(['lint', 'commas.txt'], dir)).code).toBe(0);
    expect((await runInProcess(['lint', 'commas.txt', '--max-warnings', '2'], dir)).code).toBe(0);
    const over = await runInProcess(['lint', 'commas.txt', '--max-warnings', '1'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain('超过了 --max-warnings 允许的 1 个');
  });

  it('--rule changes a severity for one run', async () => {
    expect((await runInProcess(['lint', 'commas.txt', '--rule', 'punctuation-width=error'], dir)).code).toBe(1);
    expect((await runInProcess(['lint', 'unbalanced.txt', '--rule', 'punctuation-pairing=off'], dir)).code).toBe(0);
  });

  it.each([
    [['lint', 'commas.txt', '--frobnicate'], '未知的选项'],
    [['lint', 'commas.txt', '--format', 'xml'], '未知的输出格式'],
    [['lint', 'no-such-folder'], '找不到路径'],
    [['lint'], '请给出要检查的文件或文件夹'],
    [['lint', 'commas.txt', '--max-warnings', 'many'], '--max-warnings 需要一个非负整数'],
    [['lint', 'commas.txt', '--rule', 'no-such-rule=off'], '未知的规则'],
    [['lint', 'commas.txt', '--profile', 'no-such-house'], '未知的内置文风档案'],
    [['lint', 'commas.txt', '--config', 'missing.json'], '找不到配置文件'],
    [['lint', 'commas.txt', '--format'], '需要一个参数'],
    [['publish'], '未知的命令'],
    [['explain', 'no-such-rule'], '未知的规则'],
    [['learn', 'commas.txt'], '-o'],
  ])('usage error %j exits 2 with a Chinese message', async (argv, message) => {
    const run = await runInProcess(argv, dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });
});

describe('configuration errors exit 2 and name the file and the key', () => {
  it.each([
    ['unknown rule', '{ "rules": { "figure-unsorced": "off" } }', 'rules.figure-unsorced'],
    ['bad severity', '{ "rules": { "broken-line": "warn" } }', 'rules.broken-line'],
    ['wrong type', '{ "allowPhrases": "高质量发展" }', 'allowPhrases'],
    ['unknown key', '{ "profiles": "default" }', 'profiles'],
    ['missing profile file', '{ "profile": "./house.json" }', 'profile'],
    ['bad JSON', '{ "rules": { "broken-line": "off", } }', '第 1 行第 36 列'],
  ])('%s', async (name, config, key) => {
    const root = project(name.replace(/ /g, '-'), config);
    const run = await runInProcess(['lint', 'draft.txt', '--format', 'json'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path.join(root, '.opinionlintrc.json'));
    expect(run.stderr).toContain(key);
    expect(run.stdout).toBe('');
  });

  it('a profile file of the wrong version names the profile and the key', async () => {
    const root = project('old-profile', '{ "profile": "./old.json" }');
    writeFileSync(path.join(root, 'old.json'), JSON.stringify({ format: 'opinion-lint-profile', version: 0, name: '旧档案' }));
    const run = await runInProcess(['lint', 'draft.txt'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(path.join(root, 'old.json'));
    expect(run.stderr).toContain('version');
  });

  it('a config error in a subfolder found mid-walk also exits 2', async () => {
    const root = path.join(dir, 'nested');
    mkdirSync(path.join(root, 'b-desk'), { recursive: true });
    writeFileSync(path.join(root, 'a.txt'), DRAFTS.clean);
    writeFileSync(path.join(root, 'b-desk', '.opinionlintrc.json'), '{ "maxFileSize": "big" }');
    writeFileSync(path.join(root, 'b-desk', 'b.txt'), DRAFTS.clean);
    const run = await runInProcess(['lint', '.'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('maxFileSize');
  });

  it('a valid config applies: rules off, allow-listed phrases, explicit --config', async () => {
    const root = project('valid', '{ "rules": { "punctuation-width": "off" } }');
    expect((await runInProcess(['lint', 'draft.txt', '--max-warnings', '0'], root)).code).toBe(0);
    writeFileSync(path.join(root, 'strict.json'), '{ "rules": { "punctuation-width": "error" } }');
    expect((await runInProcess(['lint', 'draft.txt', '--config', 'strict.json'], root)).code).toBe(1);
  });
});

describe('explain', () => {
  it('says what a rule checks, why, an example and how to configure it', async () => {
    const run = await runInProcess(['explain', 'punctuation-width'], dir);
    expect(run.code).toBe(0);
    for (const part of ['punctuation-width', '为什么：', '示例：', '.opinionlintrc.json', '"punctuation-width": "off"', '--rule punctuation-width=off', 'opinion-lint-disable-next-line']) {
      expect(run.stdout).toContain(part);
    }
  });

  it('lists every rule without an argument', async () => {
    const run = await runInProcess(['explain'], dir);
    expect(run.stdout.split('\n').filter((l) => /^ {2}[a-z-]+ /.test(l))).toHaveLength(RULES.length);
  });
});
