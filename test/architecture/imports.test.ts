// The layers, as the imports show them: the pure engine at the bottom, the workspace (files) above
// it, the CLI and the language server as peers on top, and the VS Code client talking to the server
// only through the shared protocol module.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';

const SRC = path.join(PROJECT_ROOT, 'server/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sources(full) : /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** What a file imports: project files as paths relative to the project root, other modules by name. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:^|\n)\s*(?:import|export)[^'";]*?from\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)|\brequire\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
  return specs.map((spec) => (spec.startsWith('.') ? path.relative(PROJECT_ROOT, path.resolve(path.dirname(file), spec)).split(path.sep).join('/') : spec));
}

function importsFrom(dir: string): { file: string; target: string }[] {
  return sources(path.join(PROJECT_ROOT, dir)).flatMap((file) => importsOf(file).map((target) => ({ file: path.relative(PROJECT_ROOT, file), target })));
}

const under = (prefix: string) => (i: { target: string }) => i.target === prefix || i.target.startsWith(`${prefix}/`);

describe('layers', () => {
  it('finds the imports it checks (the scanner reads this project’s import forms)', () => {
    expect(importsOf(path.join(SRC, 'cli/lint-command.ts'))).toEqual(expect.arrayContaining(['server/src/workspace/lint-files', 'node:path']));
    expect(importsFrom('client/src').length).toBeGreaterThan(3);
  });

  it('the CLI and the language server do not import each other', () => {
    expect(importsFrom('server/src/cli').filter(under('server/src/lsp'))).toEqual([]);
    expect(importsFrom('server/src/lsp').filter(under('server/src/cli'))).toEqual([]);
    expect(importsOf(path.join(SRC, 'server.ts')).filter((t) => t.startsWith('server/src/cli'))).toEqual([]);
  });

  it('the client imports nothing from the server but the shared protocol module, which imports nothing', () => {
    expect(importsFrom('client/src').filter((i) => i.target.startsWith('server/') && i.target !== 'server/src/protocol')).toEqual([]);
    expect(importsOf(path.join(SRC, 'protocol.ts'))).toEqual([]);
  });

  it('the workspace is below the CLI, the server and the report; the engine below everything', () => {
    const above = ['server/src/cli', 'server/src/lsp', 'server/src/report', 'server/src/server', 'server/src/protocol'];
    expect(importsFrom('server/src/workspace').filter((i) => above.some((p) => under(p)(i)))).toEqual([]);
    expect(importsFrom('server/src/engine').filter((i) => [...above, 'server/src/workspace'].some((p) => under(p)(i)))).toEqual([]);
  });

  it('the engine reads no file of the user’s: only the segmenter backends and the phrase dictionary read the tool’s own data', () => {
    const fs = importsFrom('server/src/engine').filter((i) => i.target === 'node:fs' || i.target === 'fs' || i.target === 'node:fs/promises');
    expect(fs.map((i) => i.file).sort()).toEqual(['server/src/engine/phrases/dictionary.ts', 'server/src/engine/text/jieba/index.ts', 'server/src/engine/text/jieba/wasm.ts']);
  });
});
