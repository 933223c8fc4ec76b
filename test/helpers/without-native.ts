// A copy of the built CLI whose nodejieba has no native binary: as `npm ci` leaves a machine without
// a C++ toolchain, or as the universal .vsix installs. Only the bundles, the data they read and the
// external modules (nodejieba's loader and dictionaries; iconv-lite and pinyin-pro, linked) are copied.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './corpus';

/** The copy's root; its CLI is `bin/opinion-lint.js`. The caller removes it. */
export function stageCliWithoutNative(): string {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-no-native-'));
  const copy = (relative: string, filter?: (source: string) => boolean) =>
    cpSync(path.join(PROJECT_ROOT, relative), path.join(stage, relative), { recursive: true, filter });
  copy('package.json');
  copy('bin');
  copy('server/out', (source) => !source.endsWith('.map'));
  for (const data of ['server/dict', 'server/wasm', 'server/profiles']) copy(data);
  const jieba = 'node_modules/nodejieba';
  copy(`${jieba}/package.json`);
  copy(`${jieba}/index.js`);
  const dict = `${jieba}/submodules/cppjieba/dict`;
  mkdirSync(path.join(stage, dict), { recursive: true });
  for (const file of readdirSync(path.join(PROJECT_ROOT, dict)).filter((f) => f.endsWith('.utf8'))) copy(`${dict}/${file}`);
  for (const external of ['iconv-lite', 'pinyin-pro']) symlinkSync(path.join(PROJECT_ROOT, 'node_modules', external), path.join(stage, 'node_modules', external), 'dir');
  return stage;
}
