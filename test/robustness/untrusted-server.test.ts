// A folder of submissions is untrusted input (issue #19), through the built language server spoken
// to over JSON-RPC as an editor does: Lint Folder and the folder report do not follow a symlink out
// of the folder and list it as skipped; a workspace config's profile path outside its folder is
// refused with a message naming the key; a broken profile is reported with its position and no
// bytes of it; and in Restricted Mode (the client says `trusted: false`) the built-in profiles
// only, no learning, said once. The CLI side is in untrusted.test.ts.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import type { FolderLintSummary, FolderReportPage } from '../../server/src/protocol';
import { PROJECT_ROOT } from '../helpers/corpus';
import { fileUri, LspSession } from '../server/lspSession';
import { DRAFT as SLOGAN_DRAFT, SLOGAN } from './helpers';

const SECRET = '外部机密：不该出现在报告里\n●许宁\n\n这份稿件在工作区之外,只有本机用户能读。\n';
const DRAFT = '社区食堂的一碗热饭\n●林晓\n\n社区食堂开张以来,老人们吃上了热乎饭。\n';
const UNSIGNED = '让公共图书馆更好地服务读者\n\n公共图书馆延长开放时间，方便了上班族和学生。\n';
const OUT_LINK = '指向所检查文件夹之外的符号链接';
const CANARY = 'OPINION_LINT_SERVER_CANARY_41c9';
const INFO = 3;

const base = mkdtempSync(path.join(tmpdir(), 'opinion-lint-untrusted-server-'));
const outside = path.join(base, 'outside');
const workspace = path.join(base, 'workspace');
const shipped = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8'));
const noByline = { ...shipped, name: '工作区档案', house: { ...shipped.house, byline: { ...shipped.house.byline, expected: false, position: 'none' } } };

beforeAll(() => {
  mkdirSync(path.join(outside, 'folder'), { recursive: true });
  writeFileSync(path.join(outside, '机密.txt'), SECRET);
  writeFileSync(path.join(outside, 'folder', '另一篇.txt'), SECRET);
  const files: Record<string, string> = {
    'desk/a.txt': DRAFT,
    // A house profile inside the workspace that expects no byline: who uses it shows in byline-missing.
    'house/.opinionlintrc.json': JSON.stringify({ profile: './house.json' }),
    'house/house.json': JSON.stringify(noByline),
    'house/无署名.txt': UNSIGNED,
    'environ/.opinionlintrc.json': JSON.stringify({ profile: '/proc/self/environ' }),
    'environ/稿.txt': DRAFT,
    'broken/.opinionlintrc.json': JSON.stringify({ profile: './house.json' }),
    'broken/house.json': '{\n  "format": "opinion-lint-profile",\n  "name": SECRET_TOKEN_abc123\n}\n',
    'broken/稿.txt': DRAFT,
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    writeFileSync(path.join(workspace, file), text);
  }
  symlinkSync(path.join(outside, '机密.txt'), path.join(workspace, 'desk', 'leak.txt'));
  symlinkSync('../../outside/folder', path.join(workspace, 'desk', 'folder-out'));
  // A config that is a link to a file outside: never read, and no quick fix writes through it.
  writeFileSync(path.join(outside, 'linked-config.json'), JSON.stringify({ rules: {} }));
  for (const folder of ['linked-config', 'own-config']) mkdirSync(path.join(workspace, folder));
  symlinkSync(path.join(outside, 'linked-config.json'), path.join(workspace, 'linked-config', '.opinionlintrc.json'));
  writeFileSync(path.join(workspace, 'own-config', '.opinionlintrc.json'), JSON.stringify({ rules: {} }));
  // The server inherits this process's environment: a leak of /proc/self/environ would show it.
  process.env[CANARY] = 'secret-value';
});

afterAll(() => {
  delete process.env[CANARY];
  rmSync(base, { recursive: true, force: true });
});

async function lintFolder(session: LspSession, folder: string): Promise<FolderLintSummary> {
  return (await session.connection.sendRequest('workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: [{ folder }] })) as FolderLintSummary;
}

const rulesOf = (diagnostics: Diagnostic[]) => diagnostics.map((d) => String(d.code));
const everything = (session: LspSession) => JSON.stringify([session.messages, session.logs, session.published]);

describe('a trusted workspace', () => {
  let session: LspSession;
  beforeAll(async () => {
    ({ session } = await LspSession.start(workspace));
  });
  afterAll(() => session?.kill());

  it('Lint Folder lists a symlink out of the folder as skipped, and publishes nothing for it', async () => {
    const summary = await lintFolder(session, path.join(workspace, 'desk'));
    expect(summary.files).toBe(1);
    expect(summary.skipped).toEqual([
      { file: 'folder-out', reason: expect.stringContaining(OUT_LINK) },
      { file: 'leak.txt', reason: expect.stringContaining(OUT_LINK) },
    ]);
    const a = await session.until('diagnostics for a.txt', () => session.published.find((p) => p.uri === fileUri(path.join(workspace, 'desk', 'a.txt'))));
    expect(rulesOf(a.diagnostics)).toContain('punctuation-width');
    expect(session.published.filter((p) => p.uri.includes('leak') || p.uri.includes('folder-out'))).toEqual([]);
    // The output channel (the server's log) lists the skipped files with their reasons.
    expect(session.logs.some((l) => l.includes('跳过 leak.txt：') && l.includes(OUT_LINK))).toBe(true);
    expect(everything(session)).not.toContain('外部机密');
  });

  it('the folder report lists it as skipped and quotes nothing of it', async () => {
    const page = (await session.connection.sendRequest('opinionLint/folderReport', { folder: path.join(workspace, 'desk') })) as FolderReportPage;
    expect(page.drafts).toBe(1);
    expect(page.html).toMatch(/未检查的文件[^]*leak\.txt[^]*指向所检查文件夹之外的符号链接/);
    expect(page.html).not.toContain('外部机密');
    expect(page.uris.some((u) => u.includes('leak'))).toBe(false);
  });

  it('the setting opinionLint.followSymlinks opts in', async () => {
    session.settings = { followSymlinks: true };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const summary = await lintFolder(session, path.join(workspace, 'desk'));
    expect(summary.skipped).toEqual([]);
    expect(summary.files).toBe(3);
    await session.until('diagnostics for the followed link', () => session.published.find((p) => p.uri === fileUri(path.join(workspace, 'desk', 'leak.txt'))));
    session.settings = {};
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('a workspace config naming /proc/self/environ: a message naming the key, nothing of the environment, diagnostics keep coming', async () => {
    const uri = await session.open('environ/稿.txt', DRAFT);
    const diagnostics = await session.diagnosticsFor(uri, { version: 1 });
    expect(rulesOf(diagnostics)).toContain('punctuation-width');
    const message = await session.until('a message about the profile path', () => session.messages.find((m) => m.message.includes('/proc/self/environ')));
    expect(message.message).toContain('“profile”');
    expect(message.message).toContain('没有读取');
    for (const leak of [CANARY, 'secret-value', 'PATH=']) expect(everything(session)).not.toContain(leak);
  });

  it('a broken profile inside the workspace: its path, the key, line and column, no byte of it; the default profile meanwhile', async () => {
    const uri = await session.open('broken/稿.txt', DRAFT);
    expect(rulesOf(await session.diagnosticsFor(uri, { version: 1 }))).toContain('punctuation-width');
    const message = await session.until('a message about the broken profile', () => session.messages.find((m) => m.message.includes(path.join(workspace, 'broken', 'house.json'))));
    expect(message.message).toContain('第 3 行第 11 列');
    expect(message.message).toContain('此处应为');
    expect(everything(session)).not.toContain('SECRET');
    expect(everything(session)).not.toContain('abc123');
  });

  it('a config linked from outside is refused unread, and no "allow this phrase" fix writes through the link', async () => {
    const allowFixes = async (folder: string) => {
      const uri = await session.open(`${folder}/套话.txt`, SLOGAN_DRAFT);
      const diagnostics = await session.diagnosticsFor(uri, { version: 1 });
      const slogan = diagnostics.find((d) => String(d.code).startsWith('slogan-'));
      expect(slogan, JSON.stringify(diagnostics.map((d) => d.code))).toBeDefined();
      const actions = (await session.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: slogan!.range, context: { diagnostics: [slogan] } })) as { title: string }[];
      return actions.filter((a) => a.title.startsWith('允许短语'));
    };
    expect(SLOGAN_DRAFT).toContain(SLOGAN);
    expect(await allowFixes('own-config')).toHaveLength(1);
    expect(await allowFixes('linked-config')).toEqual([]);
    const refusal = await session.until('the refusal', () => session.messages.find((m) => m.message.includes(path.join('linked-config', '.opinionlintrc.json'))));
    expect(refusal.message).toContain('是指向其所在文件夹之外的符号链接');
  });

  it('a profile inside the config\'s folder is used (the control for Restricted Mode below)', async () => {
    const uri = await session.open('house/无署名.txt', UNSIGNED);
    expect(rulesOf(await session.diagnosticsFor(uri, { version: 1 }))).not.toContain('byline-missing');
  });
});

describe('Restricted Mode (initializationOptions.trusted = false)', () => {
  let session: LspSession;
  beforeAll(async () => {
    ({ session } = await LspSession.start(workspace, { initializationOptions: { trusted: false }, settings: { followSymlinks: true } }));
  });
  afterAll(() => session?.kill());

  const notices = () => session.messages.filter((m) => m.message.startsWith('受限模式'));

  it('lints with the built-in profile: the workspace config\'s profile path is ignored, and that is said once', async () => {
    const uri = await session.open('house/无署名.txt', UNSIGNED);
    expect(rulesOf(await session.diagnosticsFor(uri, { version: 1 }))).toContain('byline-missing');
    await session.until('the Restricted Mode notice', () => notices().length > 0);
    expect(notices()[0].type).toBe(INFO);
    expect(notices()[0].message).toContain('内置文风档案');
  });

  it('a profile path in the settings is ignored too; nothing about it is said again', async () => {
    session.settings = { profile: './house/house.json', followSymlinks: true };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const uri = await session.open('desk/a.txt', UNSIGNED.replace('让公共图书馆', '让社区图书馆'));
    expect(rulesOf(await session.diagnosticsFor(uri, { version: 1 }))).toContain('byline-missing');
    // Refused profile paths are not looked at: no error about them either.
    expect(session.messages.filter((m) => m.message.includes('/proc/self/environ'))).toEqual([]);
    await session.open('environ/稿.txt', DRAFT);
    await session.diagnosticsFor(fileUri(path.join(workspace, 'environ', '稿.txt')), { version: 1 });
    expect(notices()).toHaveLength(1);
    expect(session.messages.filter((m) => m.message.includes('/proc/self/environ'))).toEqual([]);
  });

  it('Lint Folder does not follow a link out of the folder, whatever the setting says', async () => {
    const summary = await lintFolder(session, path.join(workspace, 'desk'));
    expect(summary.skipped.map((s) => s.file)).toEqual(['folder-out', 'leak.txt']);
  });

  it('Learn Profile is refused with a Chinese reason, and writes nothing', async () => {
    const output = path.join(base, 'learned.json');
    const refusal = session.connection.sendRequest('workspace/executeCommand', {
      command: 'opinionLint.learnProfile',
      arguments: [{ folders: [path.join(workspace, 'desk')], output }],
    });
    await expect(refusal).rejects.toThrow(/受限模式下不能学习文风档案/);
    expect(existsSync(output)).toBe(false);
    expect(notices()).toHaveLength(1);
  });
});
