// Faults: a rule that throws is isolated; fixes change only the flagged text, are refused on
// changed text and written atomically; a file changed on disk is not overwritten; Ctrl-C during
// `--fix` leaves every file either untouched or completely fixed, and no temporary files.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFixedFile } from '../../server/src/workspace/lint-files';
import { writeFileAtomic } from '../../server/src/workspace/write';
import { defaultConfig } from '../../server/src/engine/config/types';
import { applyFixes } from '../../server/src/engine/fix';
import { lintDraft } from '../../server/src/engine/lint';
import { parseDraft } from '../../server/src/engine/parse/draft';
import { RULES } from '../../server/src/engine/rules';
import { defineRule, type Rule } from '../../server/src/engine/rules/rule';
import { BIN, ensureBuilt, runBin, tempDir } from '../cli/helpers';
import { defaultProfile, DRAFT } from './helpers';

const { dir, cleanup } = tempDir('faults');
afterAll(cleanup);

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** Throws on drafts that mention a power cut, as a buggy rule might on some input. */
const explodes = defineRule({
  id: 'test-explodes',
  family: 'typography',
  description: '测试用：遇到“停电”就抛出异常',
  defaultSeverity: 'warning',
  docs: { why: '测试用。', example: '无' },
  defaultOptions: {},
  check(doc) {
    if (doc.text.includes('停电')) throw new TypeError('cannot read properties of undefined (reading "grid")');
    return [];
  },
});

/** Throws something that is not an Error. */
const throwsString = defineRule({ ...explodes, id: 'test-throws-string', check: () => { throw 'bad state'; } }) as Rule<any>;

describe('a rule that throws is isolated', () => {
  const profile = defaultProfile();
  const text = `${DRAFT}昨晚小区停电,物业半小时就修好了。\n`;

  it('the other rules report exactly what they report without it; the failure is returned once, with the rule id', () => {
    const doc = parseDraft(text);
    const without = lintDraft(doc, profile, defaultConfig());
    const withFaulty = lintDraft(doc, profile, defaultConfig(), [explodes, ...RULES, throwsString]);
    expect(without.findings.length).toBeGreaterThan(3);
    expect(withFaulty.findings).toEqual(without.findings);
    expect(withFaulty.ruleFailures).toEqual([
      { ruleId: 'test-explodes', error: 'cannot read properties of undefined (reading "grid")' },
      { ruleId: 'test-throws-string', error: 'bad state' },
    ]);
  });

  it('on input it handles, the same rule runs without a failure', () => {
    const result = lintDraft(parseDraft(DRAFT), profile, defaultConfig(), [explodes, ...RULES]);
    expect(result.ruleFailures).toEqual([]);
  });

  it('a failing rule turned off in the config is not run at all', () => {
    const config = { ...defaultConfig(), rules: { 'test-explodes': { severity: 'off' as const } } };
    expect(lintDraft(parseDraft(text), profile, config, [explodes, ...RULES]).ruleFailures).toEqual([]);
  });
});

describe('fixes', () => {
  const profile = defaultProfile();

  it('a fix computed before the document changed is refused, not applied at the wrong place', () => {
    const before = '老街改造要留住烟火气\n●李明\n\n改造之初,有人主张推倒重建,也有人担心老街变了味道。\n';
    const findings = lintDraft(parseDraft(before), profile, defaultConfig()).findings.filter((f) => f.fix);
    expect(findings).toHaveLength(2);
    // The writer inserted a sentence in front: every offset moved by its length.
    const after = before.replace('改造之初', '说起老街，改造之初');
    const outcome = applyFixes(after, findings, before);
    expect(outcome.applied).toEqual([]);
    expect(outcome.refused.map((r) => r.reason)).toEqual(['stale', 'stale']);
    expect(outcome.text).toBe(after);
    // An edit elsewhere leaves the untouched fix applicable, and only that one.
    const edited = before.replace('味道', '样子');
    const partial = applyFixes(edited, findings, before);
    expect(partial.applied).toHaveLength(2);
    expect(partial.text).toBe(edited.replace(/,/g, '，'));
  });

  it('--fix changes only the flagged marks and keeps the encoding, BOM and line endings', () => {
    const crlf = '菜市场里的民生温度\r\n●许宁\r\n\r\n据区商务局统计,全区菜市场已改造12家,“一刻钟便民生活圈”覆盖九成社区。\r\n有人说“菜价稳了,心里就稳了。\r\n';
    const files: [string, Buffer, (t: string) => Buffer][] = [
      ['gb.txt', iconv.encode(crlf, 'gb18030'), (t) => iconv.encode(t, 'gb18030')],
      ['bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(crlf, 'utf8')]), (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t, 'utf8')])],
      ['le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(crlf, 'utf16le')]), (t) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, 'utf16le')])],
    ];
    const root = path.join(dir, 'fix-only-flagged');
    mkdirSync(root);
    for (const [name, bytes] of files) writeFileSync(path.join(root, name), bytes);
    const run = runBin(['lint', '.', '--fix'], root);
    // The unbalanced quote stays: it has no safe fix, so the run still reports an error.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('punctuation-pairing');
    const expected = crlf.replace('统计,', '统计，').replace('12家,', '12家，').replace('稳了,', '稳了，');
    for (const [name, , encode] of files) expect(readFileSync(path.join(root, name)).equals(encode(expected))).toBe(true);
    expect(readdirSync(root).sort()).toEqual(['bom.txt', 'gb.txt', 'le.txt']);
  });

  it('a file changed on disk since it was read is not overwritten', () => {
    const file = path.join(dir, 'changed.txt');
    const read = Buffer.from(DRAFT, 'utf8');
    const edited = `${DRAFT}编辑刚刚补了一段,还没保存到稿库。\n`;
    writeFileSync(file, edited);
    const refusal = writeFixedFile(file, Buffer.from(DRAFT.replace(',', '，'), 'utf8'), sha256(read));
    expect(refusal).toContain('被修改');
    expect(readFileSync(file, 'utf8')).toBe(edited);
  });

  it('a fix for a file deleted since it was read is not written (the file is not recreated)', () => {
    const file = path.join(dir, 'gone.txt');
    expect(writeFixedFile(file, Buffer.from(DRAFT), sha256(Buffer.from(DRAFT)))).toContain('删除');
    expect(existsSync(file)).toBe(false);
  });

  it('atomic writes keep the permissions, and a failed write leaves the target and no temporary file', () => {
    const file = path.join(dir, 'atomic.txt');
    writeFileSync(file, DRAFT);
    chmodSync(file, 0o640);
    writeFileAtomic(file, DRAFT.replace(',', '，'));
    expect(readFileSync(file, 'utf8')).toBe(DRAFT.replace(',', '，'));
    expect(statSync(file).mode & 0o777).toBe(0o640);

    // A folder in the way: the rename fails, the folder and its content stay, the temporary file goes.
    const blocked = path.join(dir, 'blocked.txt');
    mkdirSync(blocked);
    writeFileSync(path.join(blocked, 'inside.txt'), '原样保留');
    expect(() => writeFileAtomic(blocked, '新内容')).toThrow();
    expect(readFileSync(path.join(blocked, 'inside.txt'), 'utf8')).toBe('原样保留');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});

describe('Ctrl-C during --fix', () => {
  it('stops, exits 130, and every draft is either untouched or completely fixed, with no temporary files', async () => {
    ensureBuilt();
    const root = path.join(dir, 'interrupted');
    mkdirSync(root);
    const original = '老街改造要留住烟火气\r\n●李明\r\n\r\n改造之初,有人主张推倒重建,也有人担心老街变了味道。\r\n';
    const fixed = original.replace(/,/g, '，');
    const total = 4000;
    for (let i = 0; i < total; i++) writeFileSync(path.join(root, `第${i}篇.txt`), iconv.encode(original, 'gb18030'));
    const child = spawn(process.execPath, [BIN, 'lint', 'interrupted', '--fix', '--format', 'sarif', '-o', 'report.sarif'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Interrupt once the first files have been fixed, i.e. mid-run.
    const names = readdirSync(root);
    let interrupted = false;
    while (!interrupted && child.exitCode === null) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (names.slice(0, 200).some((n) => iconv.decode(readFileSync(path.join(root, n)), 'gb18030') === fixed)) {
        child.kill('SIGINT');
        interrupted = true;
      }
    }
    const code = await exited;
    expect(interrupted).toBe(true);
    expect(code).toBe(130);
    expect(stderr).toContain('已中断');
    expect(existsSync(path.join(dir, 'report.sarif'))).toBe(false);
    const contents = readdirSync(root).map((n) => iconv.decode(readFileSync(path.join(root, n)), 'gb18030'));
    expect(contents).toHaveLength(total);
    const counts = { untouched: contents.filter((c) => c === original).length, fixed: contents.filter((c) => c === fixed).length };
    expect(counts.untouched + counts.fixed).toBe(total);
    expect(counts.fixed).toBeGreaterThan(0);
    expect(counts.untouched).toBeGreaterThan(0);
    expect([...readdirSync(dir), ...readdirSync(root)].filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
