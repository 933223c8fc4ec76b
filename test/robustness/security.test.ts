// Nothing from a workspace is ever run: the sources never evaluate strings, never `require` or
// `import()` a computed path, and start workers only from the bundle's own folder. Configuration
// and profiles are read as JSON data (config/json.ts, profile/load.ts); their pollution tests live
// in config.test.ts.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return /\.(ts|js|mjs)$/.test(e.name) ? [full] : [];
  });
}

/** Source text without comments, so a comment that mentions eval() is not a hit. */
function code(file: string): string {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

const FILES = [...sources(path.join(PROJECT_ROOT, 'server/src')), ...sources(path.join(PROJECT_ROOT, 'client/src'))];

describe('no code from the workspace is evaluated', () => {
  it('finds the sources to check', () => {
    expect(FILES.length).toBeGreaterThan(50);
    expect(FILES.some((f) => f.endsWith(path.join('config', 'load.ts')))).toBe(true);
  });

  it.each([
    ['eval', /\beval\s*\(/],
    ['new Function', /\bnew\s+Function\s*\(/],
    ['Function constructor call', /(^|[^.\w])Function\s*\(\s*['"`]/],
    ['require()', /\brequire\s*\(/],
    ['createRequire', /\bcreateRequire\b/],
    ['dynamic import()', /(^|[^\w.])import\s*\(\s*(?!['"]node:)/],
    ['the vm module', /['"](node:)?vm['"]/],
    ['child processes', /['"](node:)?child_process['"]/],
    ['string timers', /\bset(Timeout|Interval|Immediate)\s*\(\s*['"`]/],
  ])('no %s in server/src or client/src', (_name, pattern) => {
    const hits = FILES.flatMap((f) =>
      code(f)
        .split('\n')
        .map((line, i) => ({ line, at: `${path.relative(PROJECT_ROOT, f)}:${i + 1}` }))
        .filter(({ line }) => pattern.test(line) && !/\bimport\(['"]node:\w+['"]\)\.\w+/.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`),
    );
    expect(hits).toEqual([]);
  });

  it('worker threads start only from files beside the running bundle', () => {
    const starters = FILES.filter((f) => /new Worker\(/.test(code(f)));
    expect(starters.length).toBeGreaterThan(0);
    for (const file of starters) {
      const text = code(file);
      // The script is a path.join(__dirname, 'name.js') built in the same file, passed directly or by name.
      expect(text, file).toMatch(/path\.join\(__dirname, ['\w.-]+\)/);
      const starts = text.match(/new Worker\(/g)!.length;
      const fromBundle = text.match(/new Worker\((path\.join\(__dirname, ['\w.-]+\)|[\w.]+!?)[,)]/g)?.length ?? 0;
      expect(fromBundle, file).toBe(starts);
    }
  });

  it('workspace JSON goes through the data-only readers (configs: the strict parser; profiles: parseSafeJson)', () => {
    const config = code(path.join(PROJECT_ROOT, 'server/src/engine/config/load.ts'));
    expect(config).toMatch(/parseJson\(text\)/);
    expect(config).not.toMatch(/JSON\.parse/);
    const profile = code(path.join(PROJECT_ROOT, 'server/src/engine/profile/load.ts'));
    expect(profile).toMatch(/parseSafeJson/);
  });
});
