// Headless Chromium for browser tests (Debian `chromium` + playwright-core). A browser test that
// cannot run must fail, not skip: this throws with the command that installs what is missing.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.OPINION_LINT_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL_HINT = '请先安装：sudo apt-get install -y chromium fonts-noto-cjk（或运行 scripts/test-setup.sh）';

/** Throws unless Chromium and a Chinese font are installed. */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`浏览器测试需要 Chromium，但 ${CHROMIUM_PATH} 不存在。${INSTALL_HINT}`);
  let zhFonts = '';
  try {
    zhFonts = execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  } catch {
    // fc-list missing means fontconfig is missing too: no font will be found.
  }
  if (!zhFonts.trim()) throw new Error(`浏览器测试需要中文字体（fonts-noto-cjk），否则中文无法显示。${INSTALL_HINT}`);
}

export async function launchChromium(): Promise<Browser> {
  requireChromium();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
