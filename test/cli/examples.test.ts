// The examples/ drafts are the README's first command: each shows the defects it was written
// to show, together they exercise every rule, and the house-form draft is clean.
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../server/src/engine/rules';
import { PROJECT_ROOT } from '../helpers/corpus';
import { runInProcess } from './helpers';

const EXPECTED: Record<string, string[]> = {
  '社区食堂-问题稿.txt': ['slogan-repeat', 'figure-unsourced', 'figure-format', 'punctuation-width', 'formulation-variant'],
  '夜间经济-数字冲突.md': ['figure-conflict', 'figure-format', 'broken-line'],
  '老街改造-署名有误.txt': ['byline-format', 'punctuation-pairing', 'broken-line'],
  '乡村书屋-缺署名.txt': ['byline-missing', 'slogan-cliche', 'slogan-density', 'figure-format', 'figure-unsourced'],
  '校园午餐-署名错位.txt': ['byline-position'],
  '河道治理-规范稿.txt': [],
};

describe('examples/', async () => {
  const run = await runInProcess(['lint', 'examples', '--format', 'json'], PROJECT_ROOT);
  const results: { file: string; diagnostics: { rule: string; severity: string }[] }[] = JSON.parse(run.stdout);
  const byName = new Map(results.map((r) => [r.file.replace(/^examples[\\/]/, ''), r.diagnostics]));

  it('holds exactly the drafts listed here', () => {
    expect([...byName.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s shows %j', (name, rules) => {
    const found = new Set(byName.get(name)!.map((d) => d.rule));
    for (const rule of rules) expect(found).toContain(rule);
  });

  it('the house-form draft has no errors or warnings', () => {
    expect(byName.get('河道治理-规范稿.txt')!.filter((d) => d.severity === 'error' || d.severity === 'warning')).toEqual([]);
  });

  it('together they exercise every rule', () => {
    const found = new Set(results.flatMap((r) => r.diagnostics.map((d) => d.rule)));
    expect([...found].sort()).toEqual([...RULE_IDS].sort());
  });

  it('the demo exits 1 (the examples contain errors)', () => {
    expect(run.code).toBe(1);
  });
});
