// The built language server, spawned as Neovim or Helix spawn it (`node server/out/server.js --stdio`)
// and driven over JSON-RPC: diagnostics with exact UTF-16 ranges, incremental edits, hovers with
// corpus evidence, code actions applied back, folder lint with progress and cancellation,
// configuration changes, a burst of edits, pull diagnostics and shutdown.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type Hover, type Position } from 'vscode-languageserver-protocol/node';
import { EDITOR_CAPABILITIES, fileUri, LspSession } from './lspSession';
import { writeTestProfile } from './testProfile';

const DRAFT = [
  '让社区食堂的灶火常旺',
  '●陈思远',
  '',
  '全市已建成社区食堂126家,日均服务老人3.2万人次。',
  '据市民政局统计，今年新增助餐点40个。',
  '推动高质量发展，要从一碗热饭做起。高质量发展不是口号，高质量发展落在老人的餐桌上。',
  '老字号“𠀀记”饭馆也加入了,菜价一直没涨。',
  '',
].join('\n');

const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
const summary = (diagnostics: Diagnostic[]) => diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code);

let workspace: string;

function write(file: string, text: string): string {
  const abs = path.join(workspace, file);
  mkdirSync(path.dirname(abs), { recursive: true });
  writeFileSync(abs, text);
  return abs;
}

beforeAll(() => {
  workspace = mkdtempSync(path.join(os.tmpdir(), 'opinion-lint-protocol-'));
  writeTestProfile(path.join(workspace, 'profiles', 'test-profile.json'));
});

afterAll(() => {
  rmSync(workspace, { recursive: true, force: true });
});

describe('language server over stdio (push diagnostics)', () => {
  let session: LspSession;
  let init: Awaited<ReturnType<typeof LspSession.start>>['init'];
  let draft: string;
  let rcFile: string;

  /** Position of the `occurrence`-th `needle` in the draft's current text. */
  const at = (needle: string, occurrence = 1, shift = 0): Position => {
    const text = session.text(draft);
    let index = -1;
    for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
    if (index < 0) throw new Error(`“${needle}” not in the draft`);
    return session.documents.get(draft)!.positionAt(index + shift);
  };
  const latestDiagnostics = async () => session.diagnosticsFor(draft, { version: session.documents.get(draft)!.version });
  const hover = (position: Position) => session.connection.sendRequest('textDocument/hover', { textDocument: { uri: draft }, position }) as Promise<Hover | null>;
  const actionsAt = (position: Position, only?: string[]) =>
    session.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: draft },
      range: { start: position, end: position },
      context: { diagnostics: [], ...(only ? { only } : {}) },
    }) as Promise<CodeAction[]>;

  beforeAll(async () => {
    mkdirSync(path.join(workspace, 'desk'), { recursive: true });
    rcFile = write('.opinionlintrc.json', JSON.stringify({ profile: './profiles/test-profile.json' }, null, 2));
    ({ session, init } = await LspSession.start(workspace, { initializationOptions: { cacheDirectory: path.join(workspace, '.editor-storage') } }));
  });

  afterAll(() => session?.kill());

  it('initializes with incremental sync, hovers, code actions and the commands', async () => {
    expect(init.capabilities.textDocumentSync).toMatchObject({ openClose: true, change: 2 });
    expect(init.capabilities.hoverProvider).toBe(true);
    expect(init.capabilities.codeActionProvider).toMatchObject({ codeActionKinds: ['quickfix', 'source.fixAll', 'source.fixAll.opinion-lint'] });
    expect(init.capabilities.executeCommandProvider?.commands).toEqual(['opinionLint.lintFolder', 'opinionLint.learnProfile', 'opinionLint.fixAll']);
    // No pull diagnostics for a client that does not advertise them.
    expect(init.capabilities.diagnosticProvider).toBeUndefined();
    const watcher = await session.until('the config file watcher registration', () =>
      session.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'),
    );
    expect(watcher.registerOptions).toEqual({ watchers: [{ globPattern: '**/.opinionlintrc.json' }] });
  });

  it('publishes the expected diagnostics with exact UTF-16 ranges, rule ids and docs links', async () => {
    draft = await session.open('desk/draft.txt', DRAFT);
    const diagnostics = await session.diagnosticsFor(draft, { version: 1 });
    expect(summary(diagnostics)).toEqual([
      ['figure-unsourced', 3, 9, 3, 13],
      ['punctuation-width', 3, 13, 3, 14],
      ['figure-unsourced', 3, 20, 3, 26],
      ['slogan-cliche', 5, 2, 5, 7],
      ['slogan-repeat', 5, 27, 5, 32],
      // 𠀀 (U+20000) counts as two UTF-16 code units.
      ['punctuation-width', 6, 14, 6, 15],
    ]);
    for (const d of diagnostics) {
      expect(d.source).toBe('opinion-lint');
      expect(d.codeDescription?.href).toBe(`https://github.com/opinion-lint/opinion-lint/blob/main/docs/rules.md#${d.code}`);
    }
    expect(diagnostics.map((d) => d.severity)).toEqual([2, 2, 2, 3, 2, 2]);
    const repeat = diagnostics.find((d) => d.code === 'slogan-repeat')!;
    expect(repeat.message).toContain('高质量发展');
    expect(repeat.relatedInformation?.map((r) => [r.location.uri, r.location.range])).toEqual([
      [draft, range(5, 2, 5, 7)],
      [draft, range(5, 17, 5, 22)],
    ]);
  });

  it('takes incremental edits and publishes the new set for the new version', async () => {
    const version = await session.change(draft, [
      { range: range(3, 13, 3, 14), newText: '，' },
      // A second change in the same notification, against the text the first one left.
      { range: range(4, 0, 4, 0), newText: '去年,' },
    ]);
    expect(session.text(draft).split('\n')[4]).toBe('去年,据市民政局统计，今年新增助餐点40个。');
    const diagnostics = await session.diagnosticsFor(draft, { version });
    expect(summary(diagnostics)).toEqual([
      ['figure-unsourced', 3, 9, 3, 13],
      ['figure-unsourced', 3, 20, 3, 26],
      ['punctuation-width', 4, 2, 4, 3],
      ['slogan-cliche', 5, 2, 5, 7],
      ['slogan-repeat', 5, 27, 5, 32],
      ['punctuation-width', 6, 14, 6, 15],
    ]);
  });

  it('hovers on a repeated slogan with its corpus evidence and example headlines', async () => {
    const result = await hover(at('高质量发展', 3, 1));
    expect(result?.range).toEqual(range(5, 27, 5, 32));
    const markdown = (result?.contents as { kind: string; value: string }).value;
    expect((result?.contents as { kind: string }).kind).toBe('markdown');
    expect(markdown).toContain('`slogan-repeat`');
    expect(markdown).toContain('在语料库中出现 512 次，见于 131 篇文章，单篇最多用了 2 次');
    expect(markdown).toContain('本稿用了 3 次');
    expect(markdown).toContain('《让创新成果走进车间》');
    expect(markdown).toContain('《小店铺里的大经济》');
  });

  it('hovers on a figure without a finding: parsed value, unit, the attribution and the matching published figure', async () => {
    const result = await hover(at('40个', 1, 1));
    const markdown = (result?.contents as { value: string }).value;
    expect(result?.range).toEqual(range(4, 18, 4, 21));
    expect(markdown).toContain('数值 40，单位“个”');
    expect(markdown).toContain('出处：找到“据”');
    expect(markdown).toContain('与已发表数字一致：《助餐点越办越暖心》中为 40个');
    expect(markdown).not.toContain('figure-unsourced');
  });

  it('hovers on an unsourced figure with the rule, the parse and the missing attribution', async () => {
    const markdown = ((await hover(at('3.2万人次', 1, 2)))?.contents as { value: string }).value;
    expect(markdown).toContain('`figure-unsourced`');
    expect(markdown).toContain('数值 32000，单位“人次”');
    expect(markdown).toContain('没有找到出处');
  });

  it('hovers on the byline with the learned house form', async () => {
    const result = await hover(at('陈思远'));
    const markdown = (result?.contents as { value: string }).value;
    expect(result?.range).toEqual(range(1, 0, 1, 4));
    expect(markdown).toContain('**本报署名格式**：●陈思远');
    expect(markdown).toContain('标题之后另起一行');
  });

  it('returns nothing to hover on plain body text', async () => {
    expect(await hover(at('一碗热饭'))).toBeNull();
  });

  it('offers the engine fix as a quick fix; applying it removes the finding', async () => {
    const actions = await actionsAt(at(',菜价'));
    const fix = actions.find((a) => a.title === '改为全角“，”')!;
    expect(fix.kind).toBe('quickfix');
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics?.map((d) => d.code)).toEqual(['punctuation-width']);
    // Versioned edits: an editor refuses them if the document moved on.
    expect(fix.edit?.documentChanges?.[0]).toMatchObject({ textDocument: { uri: draft, version: session.documents.get(draft)!.version } });
    session.applyWorkspaceEdit(fix.edit!);
    const diagnostics = await session.until('the fixed version', () => session.published.find((p) => p.uri === draft && p.version === session.documents.get(draft)!.version));
    expect(session.text(draft).split('\n')[6]).toBe('老字号“𠀀记”饭馆也加入了，菜价一直没涨。');
    expect(summary(diagnostics.diagnostics).filter((d) => d[1] === 6)).toEqual([]);
  });

  it('applies a configuration change (a rule turned off) without a restart', async () => {
    const before = session.published.length;
    session.settings = { rules: { 'figure-unsourced': 'off' } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const off = await session.until('diagnostics after the configuration change', () => session.published.slice(before).find((p) => p.uri === draft));
    expect(codes(off.diagnostics)).not.toContain('figure-unsourced');
    expect(codes(off.diagnostics)).toContain('slogan-repeat');

    const again = session.published.length;
    session.settings = {};
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const on = await session.until('diagnostics with the rule back on', () => session.published.slice(again).find((p) => p.uri === draft));
    expect(codes(on.diagnostics).filter((c) => c === 'figure-unsourced')).toHaveLength(2);
  });

  it('"disable for this line" inserts a suppression comment above the line', async () => {
    const actions = await actionsAt(at('126家', 1, 1));
    const disable = actions.find((a) => a.title === '在此行停用 figure-unsourced 检查')!;
    expect(disable).toBeDefined();
    session.applyWorkspaceEdit(disable.edit!);
    const diagnostics = await latestDiagnostics();
    expect(session.text(draft).split('\n').slice(3, 5)).toEqual(['<!-- opinion-lint-disable-next-line figure-unsourced -->', '全市已建成社区食堂126家，日均服务老人3.2万人次。']);
    expect(codes(diagnostics)).not.toContain('figure-unsourced');
    expect(codes(diagnostics)).toContain('punctuation-width');
  });

  it('"allow this phrase" adds it to the nearest .opinionlintrc.json; the watched change re-lints', async () => {
    const actions = await actionsAt(at('高质量发展', 1, 1));
    const allow = actions.find((a) => a.title.startsWith('允许短语“高质量发展”'))!;
    expect(allow.edit?.changes?.[fileUri(rcFile)]).toBeDefined();
    const before = session.published.length;
    session.applyWorkspaceEdit(allow.edit!);
    expect(JSON.parse(readFileSync(rcFile, 'utf8'))).toEqual({ profile: './profiles/test-profile.json', allowPhrases: ['高质量发展'] });
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rcFile), type: 2 }] });
    const relinted = await session.until('diagnostics after the config file changed', () => session.published.slice(before).find((p) => p.uri === draft));
    expect(codes(relinted.diagnostics).filter((c) => String(c).startsWith('slogan-'))).toEqual([]);
  });

  it('"allow this phrase" creates .opinionlintrc.json when there is none', async () => {
    const other = path.join(os.tmpdir(), `opinion-lint-allow-${process.pid}`);
    rmSync(other, { recursive: true, force: true });
    mkdirSync(other, { recursive: true });
    const { session: lone } = await LspSession.start(other, { settings: { profile: path.join(workspace, 'profiles', 'test-profile.json') } });
    try {
      const uri = await lone.open('draft.txt', DRAFT);
      await lone.diagnosticsFor(uri, { version: 1 });
      const actions = (await lone.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: range(5, 3, 5, 3),
        context: { diagnostics: [] },
      })) as CodeAction[];
      const allow = actions.find((a) => a.title.startsWith('允许短语“高质量发展”'))!;
      const created = fileUri(path.join(other, '.opinionlintrc.json'));
      expect(allow.edit?.documentChanges?.[0]).toEqual({ kind: 'create', uri: created, options: { ignoreIfExists: true } });
      lone.applyWorkspaceEdit(allow.edit!);
      expect(JSON.parse(readFileSync(path.join(other, '.opinionlintrc.json'), 'utf8'))).toEqual({ allowPhrases: ['高质量发展'] });
    } finally {
      await lone.shutdown();
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('source.fixAll fixes every auto-fixable problem in one edit', async () => {
    await session.change(draft, [{ range: { start: at('一碗热饭'), end: at('一碗热饭') }, newText: '热乎,实在,' }]);
    const diagnostics = await latestDiagnostics();
    expect(codes(diagnostics).filter((c) => c === 'punctuation-width')).toHaveLength(3);
    const actions = await actionsAt(at('热乎'), ['source.fixAll']);
    expect(actions.map((a) => [a.kind, a.title])).toEqual([['source.fixAll.opinion-lint', '修复本文档全部可自动修复的问题（Opinion Lint）']]);
    session.applyWorkspaceEdit(actions[0].edit!);
    const fixed = await latestDiagnostics();
    expect(codes(fixed)).not.toContain('punctuation-width');
    expect(session.text(draft)).toContain('去年，据市民政局统计');
    expect(session.text(draft)).toContain('要从热乎，实在，一碗热饭做起');
  });

  it('opinionLint.fixAll applies the fixes through workspace/applyEdit', async () => {
    await session.change(draft, [{ range: { start: at('实在'), end: at('实在') }, newText: '暖心,' }]);
    expect(codes(await latestDiagnostics())).toContain('punctuation-width');
    const result = await session.connection.sendRequest('workspace/executeCommand', { command: 'opinionLint.fixAll', arguments: [{ uri: draft }] });
    expect(result).toEqual({ applied: true });
    expect(session.text(draft)).toContain('暖心，实在');
    expect(codes(await latestDiagnostics())).not.toContain('punctuation-width');
  });

  it('a burst of 1,000 changes ends in diagnostics for the final version, never older ones after it', async () => {
    const before = session.published.length;
    const end = () => session.documents.get(draft)!.positionAt(session.text(draft).length);
    let version = 0;
    for (let i = 0; i < 1000; i++) version = await session.change(draft, [{ range: { start: end(), end: end() }, newText: i % 2 ? '好' : '饭' }]);
    const final = await session.until('diagnostics for the final version', () => session.published.slice(before).findIndex((p) => p.uri === draft && p.version === version) + 1);
    // A request after the burst: everything the server does for the burst is queued before its answer.
    await hover(at('陈思远'));
    await session.change(draft, [{ range: { start: end(), end: end() }, newText: '。' }]);
    const next = await latestDiagnostics();
    const ours = session.published.slice(before).filter((p) => p.uri === draft);
    const afterFinal = session.published.slice(before + final).filter((p) => p.uri === draft);
    expect(afterFinal.every((p) => p.version! > version)).toBe(true);
    expect(ours.length).toBeLessThan(1000);
    expect(next).toBeDefined();
  });

  describe('opinionLint.lintFolder', () => {
    let drafts: string;

    beforeAll(() => {
      drafts = path.join(workspace, 'drafts');
      write('drafts/a.txt', '菜市场的早晨\n●林晓\n\n这里每天接待顾客5000人次,摊位租金也降了。\n');
      write('drafts/sub/b.md', '# 旧楼加装电梯\n\n●周明\n\n小区里的老人们盼了很多年,终于等来了电梯。\n');
      write('drafts/readme.txt', 'This folder holds drafts for the morning meeting.\n');
      write('drafts/open.txt', '公园的长椅\n●许宁\n\n长椅旁又添了一盏路灯,散步的人多了。\n');
      for (let i = 0; i < 400; i++) write(`many/${String(i).padStart(3, '0')}.txt`, `第${i}号稿\n●郑伟\n\n街道新建口袋公园${i + 1}座,居民出门就能遛弯。\n`);
    });

    it('lints drafts that are not open, reports n / total progress and returns a summary', async () => {
      const openUri = await session.open('drafts/open.txt', readFileSync(path.join(drafts, 'open.txt'), 'utf8'));
      await session.diagnosticsFor(openUri, { version: 1 });
      const before = session.published.length;
      const result = (await session.connection.sendRequest('workspace/executeCommand', {
        command: 'opinionLint.lintFolder',
        arguments: [{ folder: fileUri(drafts) }],
        workDoneToken: 'folder-1',
      })) as Record<string, unknown>;
      // The open draft counts with its live text.
      expect(result).toMatchObject({ files: 4, linted: 2, cached: 0, open: 1, cancelled: false, filesWithFindings: 3 });
      expect(result.skipped).toEqual([{ file: 'readme.txt', reason: expect.stringContaining('不是中文稿件') }]);
      expect(result.byRule).toEqual({ 'punctuation-width': 3, 'figure-unsourced': 1 });

      const events = session.progress.filter((p) => p.token === 'folder-1').map((p) => p.value);
      expect(events[0]).toMatchObject({ kind: 'begin', cancellable: true });
      expect(events.at(-1)).toEqual({ kind: 'end' });
      const messages = events.filter((e) => e.kind === 'report').map((e) => e.message);
      expect(messages.at(-1)).toBe('4 / 4');
      expect(messages).toEqual(expect.arrayContaining(['0 / 4', '1 / 4', '2 / 4', '3 / 4']));

      const publishedNow = session.published.slice(before);
      const a = publishedNow.find((p) => p.uri === fileUri(path.join(drafts, 'a.txt')))!;
      expect(summary(a.diagnostics)).toEqual([
        ['figure-unsourced', 3, 8, 3, 14],
        ['punctuation-width', 3, 14, 3, 15],
      ]);
      const b = publishedNow.find((p) => p.uri === fileUri(path.join(drafts, 'sub', 'b.md')))!;
      expect(summary(b.diagnostics)).toEqual([['punctuation-width', 4, 12, 4, 13]]);
      // The open draft keeps its live diagnostics: the folder lint does not publish over them.
      expect(publishedNow.some((p) => p.uri === openUri)).toBe(false);
    });

    it('shows the saved text diagnostics of a covered draft again once the editor closes it unsaved', async () => {
      const bFile = path.join(drafts, 'sub', 'b.md');
      const saved = readFileSync(bFile, 'utf8');
      const uri = await session.open('drafts/sub/b.md', saved, 'markdown');
      expect(summary(await session.diagnosticsFor(uri, { version: 1 }))).toEqual([['punctuation-width', 4, 12, 4, 13]]);
      // The writer fixes the comma in the editor, sees it clean, then closes without saving.
      const comma = saved.split('\n')[4].indexOf(',');
      const version = await session.change(uri, [{ range: { start: { line: 4, character: comma }, end: { line: 4, character: comma + 1 } }, newText: '，' }]);
      expect(await session.diagnosticsFor(uri, { version })).toEqual([]);
      const before = session.published.length;
      await session.close(uri);
      expect(summary(await session.diagnosticsFor(uri, { afterIndex: before }))).toEqual([['punctuation-width', 4, 12, 4, 13]]);

      // A draft the folder lint never covered is cleared on close, as before.
      const other = await session.open('loose.txt', '街角的书店\n●林晓\n\n书店开了十年,老顾客还在。\n');
      expect((await session.diagnosticsFor(other, { version: 1 })).length).toBeGreaterThan(0);
      const beforeOther = session.published.length;
      await session.close(other);
      expect(await session.diagnosticsFor(other, { afterIndex: beforeOther })).toEqual([]);
    });

    it('reuses cached results for unchanged drafts, from the storage folder the client gave', async () => {
      const lint = () =>
        session.connection.sendRequest('workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: [{ folder: drafts }] }) as Promise<Record<string, unknown>>;
      const a = fileUri(path.join(drafts, 'a.txt'));
      const before = session.published.length;
      expect(await lint()).toMatchObject({ linted: 2, cached: 2, byRule: { 'punctuation-width': 3, 'figure-unsourced': 1 } });
      // Served from the cache, the diagnostics are the same, ranges included.
      expect(summary(session.published.slice(before).find((p) => p.uri === a)!.diagnostics)).toEqual([
        ['figure-unsourced', 3, 8, 3, 14],
        ['punctuation-width', 3, 14, 3, 15],
      ]);
      write('drafts/a.txt', '菜市场的早晨\n●林晓\n\n这里每天接待顾客5000人次，摊位租金也降了。\n');
      const again = session.published.length;
      expect(await lint()).toMatchObject({ linted: 2, cached: 1 });
      expect(summary(session.published.slice(again).find((p) => p.uri === a)!.diagnostics)).toEqual([['figure-unsourced', 3, 8, 3, 14]]);
      expect(readdirSync(path.join(workspace, '.editor-storage')).filter((f) => f.startsWith('folder-lint-'))).toHaveLength(1);
    });

    it('stops promptly when the request is cancelled ($/cancelRequest)', async () => {
      const cancel = new CancellationTokenSource();
      const pending = session.connection.sendRequest(
        'workspace/executeCommand',
        { command: 'opinionLint.lintFolder', arguments: [{ folder: path.join(workspace, 'many') }], workDoneToken: 'folder-2' },
        cancel.token,
      ) as Promise<Record<string, unknown>>;
      await session.until('the first files linted', () => session.progress.some((p) => p.token === 'folder-2' && p.value.message === '1 / 400'));
      cancel.cancel();
      const result = await pending;
      expect(result).toMatchObject({ files: 400, cancelled: true });
      expect(result.linted as number).toBeLessThan(400);
      expect(session.progress.filter((p) => p.token === 'folder-2').at(-1)?.value).toEqual({ kind: 'end' });
    });

    it('stops when the user cancels the progress the server created', async () => {
      const created = session.createdProgressTokens.length;
      const pending = session.connection.sendRequest('workspace/executeCommand', {
        command: 'opinionLint.lintFolder',
        arguments: [{ folder: path.join(workspace, 'many') }],
      }) as Promise<Record<string, unknown>>;
      const token = await session.until('a server-created progress token', () => session.createdProgressTokens[created]);
      await session.until('the first files linted', () => session.progress.some((p) => p.token === token && p.value.message === '1 / 400'));
      await session.connection.sendNotification('window/workDoneProgress/cancel', { token });
      const result = await pending;
      expect(result).toMatchObject({ cancelled: true });
      expect(result.linted as number).toBeLessThan(400);
    });
  });

  it('opinionLint.learnProfile learns from a folder with progress and writes the profile', async () => {
    write('corpus/page1.txt', '让老街焕发新生机\n●王晨\n\n老街改造没有大拆大建，而是留住了老树和老店。\n居民说，改造后的老街更有烟火气了。\n');
    write('corpus/page2.txt', '书香飘进社区\n●李安 赵宁\n\n社区图书室延长了开放时间，周末也能借书。\n孩子们放学后有了好去处。\n');
    const output = path.join(workspace, 'learned', 'house.json');
    const result = (await session.connection.sendRequest('workspace/executeCommand', {
      command: 'opinionLint.learnProfile',
      arguments: [{ folders: [fileUri(path.join(workspace, 'corpus'))], output }],
      workDoneToken: 'learn-1',
    })) as Record<string, unknown>;
    expect(result).toMatchObject({ output, files: 2, articles: 2, bylines: 2 });
    const profile = JSON.parse(readFileSync(output, 'utf8'));
    expect(profile.format).toBe('opinion-lint-profile');
    expect(profile.house.byline.marker).toBe('●');
    const events = session.progress.filter((p) => p.token === 'learn-1').map((p) => p.value.kind);
    expect(events[0]).toBe('begin');
    expect(events.at(-1)).toBe('end');
  });

  it('opinionLint.learnProfile stops when cancelled and writes nothing', async () => {
    // About a megabyte of text: learning takes long enough for the cancellation to arrive in the middle.
    const paragraphs = (i: number) => Array.from({ length: 30 }, (_, k) => `第${i}号稿第${k}段：街道新建口袋公园${k + 1}座，居民出门就能遛弯，周末还有志愿者清扫落叶。`).join('\n');
    for (let i = 0; i < 300; i++) write(`long/${String(i).padStart(3, '0')}.txt`, `口袋公园第${i}篇\n●郑伟\n\n${paragraphs(i)}\n`);
    const output = path.join(workspace, 'learned', 'cancelled.json');
    const cancel = new CancellationTokenSource();
    const pending = session.connection.sendRequest(
      'workspace/executeCommand',
      { command: 'opinionLint.learnProfile', arguments: [{ folders: [path.join(workspace, 'long')], output }], workDoneToken: 'learn-2' },
      cancel.token,
    );
    await session.until('learning under way', () => session.progress.some((p) => p.token === 'learn-2' && p.value.kind === 'report'));
    cancel.cancel();
    await expect(pending).rejects.toMatchObject({ code: -32800 });
    expect(existsSync(output)).toBe(false);
    expect(session.progress.filter((p) => p.token === 'learn-2').at(-1)?.value).toEqual({ kind: 'end' });
  });

  it('reports a broken .opinionlintrc.json by file and key, keeps the last good config and keeps running', async () => {
    const before = session.published.length;
    writeFileSync(rcFile, JSON.stringify({ profile: './profiles/test-profile.json', rules: { 'slogan-repeet': 'off' } }));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(rcFile), type: 2 }] });
    const shown = await session.until('a message about the broken config', () => session.messages.find((m) => m.message.includes('slogan-repeet')));
    expect(shown.message).toContain(rcFile);
    expect(shown.message).toContain('rules.slogan-repeet');
    const relinted = await session.until('diagnostics after the broken config', () => session.published.slice(before).find((p) => p.uri === draft));
    // The last good config (with its allow-listed phrase) is still in use.
    expect(codes(relinted.diagnostics).filter((c) => String(c).startsWith('slogan-'))).toEqual([]);
  });

  it('skips documents that are not Chinese drafts', async () => {
    const readme = await session.open('README.md', '# Opinion Lint\n\nRun the linter, then fix what it reports, one line at a time.\n', 'markdown');
    expect(await session.diagnosticsFor(readme, { version: 1 })).toEqual([]);
  });

  it('clears diagnostics when a document closes', async () => {
    const before = session.published.length;
    await session.close(draft);
    const cleared = await session.until('diagnostics cleared on close', () => session.published.slice(before).find((p) => p.uri === draft));
    expect(cleared.diagnostics).toEqual([]);
  });

  it('shuts down and exits cleanly', async () => {
    expect(await session.shutdown()).toBe(0);
  });
});

describe('language server with pull diagnostics', () => {
  it('answers textDocument/diagnostic and asks the client to refresh when settings change', async () => {
    const capabilities = {
      ...EDITOR_CAPABILITIES,
      textDocument: { ...EDITOR_CAPABILITIES.textDocument, diagnostic: { dynamicRegistration: false } },
      workspace: { ...EDITOR_CAPABILITIES.workspace, diagnostics: { refreshSupport: true } },
    };
    const { session, init } = await LspSession.start(workspace, { capabilities });
    try {
      expect(init.capabilities.diagnosticProvider).toMatchObject({ interFileDependencies: false, workspaceDiagnostics: false });
      let refreshed = 0;
      session.connection.onRequest('workspace/diagnostic/refresh', () => {
        refreshed++;
        return null;
      });
      const uri = await session.open('desk/pulled.txt', '公园的长椅\n●许宁\n\n长椅旁又添了一盏路灯,散步的人多了。\n');
      const report = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { kind: string; items: Diagnostic[] };
      expect(report.kind).toBe('full');
      expect(summary(report.items)).toEqual([['punctuation-width', 3, 10, 3, 11]]);

      await session.change(uri, [{ range: range(3, 10, 3, 11), newText: '，' }]);
      const after = (await session.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } })) as { items: Diagnostic[] };
      expect(after.items).toEqual([]);

      await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await session.until('a diagnostic refresh request', () => refreshed > 0);
      // Pull mode: the server never pushed diagnostics for the open document.
      expect(session.published.filter((p) => p.uri === uri && p.diagnostics.length)).toEqual([]);
    } finally {
      await session.shutdown();
    }
  });
});

describe('language server profiles and limits', () => {
  let session: LspSession;
  let folder: string;
  let profileFile: string;
  const text = '社区食堂开张了\n●陈思远\n\n推动高质量发展，要从一碗热饭做起。\n';

  beforeAll(async () => {
    folder = path.join(workspace, 'profile-desk');
    mkdirSync(folder, { recursive: true });
    profileFile = path.join(folder, 'house.json');
    writeTestProfile(profileFile);
    ({ session } = await LspSession.start(folder, { settings: { profile: './house.json' } }));
  });

  afterAll(() => session?.kill());

  it('reloads a profile file when it changes on disk, without any client notification', async () => {
    const uri = await session.open('today.txt', text);
    expect(codes(await session.diagnosticsFor(uri, { version: 1 }))).toEqual(['slogan-cliche']);
    const before = session.published.length;
    const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
    profile.register.phrases = [];
    writeFileSync(profileFile, JSON.stringify(profile));
    const relinted = await session.until('diagnostics after the profile changed', () => session.published.slice(before).find((p) => p.uri === uri));
    expect(codes(relinted.diagnostics)).toEqual([]);
  });

  it('reports a broken profile by file and key and keeps the last good one', async () => {
    writeTestProfile(profileFile);
    const uri = fileUri(path.join(folder, 'today.txt'));
    await session.until('the restored profile in use', () => {
      const last = session.published.filter((p) => p.uri === uri).at(-1);
      return last && codes(last.diagnostics).includes('slogan-cliche');
    });
    const profile = JSON.parse(readFileSync(profileFile, 'utf8'));
    profile.version = 99;
    writeFileSync(profileFile, JSON.stringify(profile));
    const shown = await session.until('a message about the broken profile', () => session.messages.find((m) => m.message.includes('version')));
    expect(shown.message).toContain(profileFile);
    expect(shown.message).toContain('上一次成功载入');
    await session.change(uri, [{ range: range(3, 0, 3, 0), newText: '今天，' }]);
    expect(codes(await session.diagnosticsFor(uri, { version: 2 }))).toEqual(['slogan-cliche']);
  });

  it('does not lint a document over the size limit and says so once', async () => {
    session.settings = { profile: './house.json', maxFileSize: 64 };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const uri = await session.open('long.txt', text.repeat(4));
    expect(await session.diagnosticsFor(uri, { version: 1 })).toEqual([]);
    const shown = await session.until('a message about the size limit', () => session.messages.find((m) => m.message.includes('64 字节')));
    expect(shown.message).toContain('long.txt');
    expect(shown.message).toContain('maxFileSize');
  });

  it('still answers after all of that, and exits cleanly', async () => {
    expect(await session.shutdown()).toBe(0);
  });
});
