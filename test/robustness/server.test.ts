// Crash resistance at the protocol level: the built server, spawned as an editor spawns it
// (`node server/out/server.js --stdio`), is fed bad documents, garbage parameters, broken
// configuration and profiles, a burst of edits and a cancelled folder lint. It answers every
// request, publishes sound ranges, never publishes stale diagnostics, and is alive at the end.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { splitsSurrogatePair } from '../../server/src/engine/text/positions';
import { PROJECT_ROOT } from '../helpers/corpus';
import { fileUri, LspSession } from '../server/lspSession';
import { DRAFT, SLOGAN } from './helpers';

let workspace: string;
let session: LspSession;
/** Requests sent and how each was answered. */
const answered: { method: string; outcome: 'result' | 'error' }[] = [];

/** Sends a request and records whether it got a result or an error; never lets it hang unnoticed. */
async function request(method: string, params: unknown, token?: CancellationTokenSource): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer to ${method} ${JSON.stringify(params)?.slice(0, 200)}`)), 90_000)));
  try {
    const sent = token ? session.connection.sendRequest(method, params, token.token) : session.connection.sendRequest(method, params);
    const result = await Promise.race([sent, timeout]);
    answered.push({ method, outcome: 'result' });
    return result;
  } catch (err) {
    if (err instanceof Error && err.message.startsWith('no answer')) throw err;
    answered.push({ method, outcome: 'error' });
    return err;
  } finally {
    clearTimeout(timer);
  }
}

/** Range problems of published diagnostics against the document they were computed for. */
function rangeProblems(doc: TextDocument, diagnostics: Diagnostic[]): string[] {
  const text = doc.getText();
  const problems: string[] = [];
  for (const d of diagnostics) {
    for (const pos of [d.range.start, d.range.end, ...(d.relatedInformation ?? []).flatMap((r) => [r.location.range.start, r.location.range.end])]) {
      const offset = doc.offsetAt(pos);
      const back = doc.positionAt(offset);
      if (back.line !== pos.line || back.character !== pos.character) problems.push(`${d.code}: ${JSON.stringify(pos)} is not a position in the text`);
      if (splitsSurrogatePair(text, offset)) problems.push(`${d.code}: ${JSON.stringify(pos)} splits a surrogate pair`);
    }
    if (doc.offsetAt(d.range.start) > doc.offsetAt(d.range.end)) problems.push(`${d.code}: range ends before it starts`);
  }
  return problems;
}

const alive = () => session.process.exitCode === null && session.process.signalCode === null;

beforeAll(async () => {
  workspace = mkdtempSync(path.join(tmpdir(), 'opinion-lint-crash-'));
  mkdirSync(path.join(workspace, 'desk'));
  ({ session } = await LspSession.start(workspace));
});

afterAll(async () => {
  session?.kill();
  rmSync(workspace, { recursive: true, force: true });
});

const BAD_DOCUMENTS: [string, () => string][] = [
  ['empty', () => ''],
  ['whitespace only', () => ' \t\r\n\u3000\n'],
  ['no Chinese', () => 'Notes for the night desk: check every caption twice, then file.\n'],
  ['5 MB on one line (over the default size limit)', () => `加装电梯\n${'老旧小区加装电梯，既要算经济账,也要算民生账。'.repeat(90_000)}\n`],
  ['50,000 short lines', () => `早市里的烟火气\n●林晓\n\n${Array.from({ length: 50_000 }, (_, i) => (i % 2 ? '菜价稳了,居民笑了。' : '早市开张了。')).join('\n')}\n`],
  ['10,000 copies of one slogan', () => `营商环境要久久为功\n●周明\n\n${Array(10_000).fill(`要${SLOGAN}。`).join('\n')}\n`],
  ['CRLF', () => DRAFT.replace(/\n/g, '\r\n')],
  ['CR only', () => DRAFT.replace(/\n/g, '\r')],
  ['mixed line endings', () => DRAFT.split('\n').map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join('')],
  ['tabs, zero-width characters, combining marks', () => '\t夜市\u200b新气象\n●陈\u200d思远\n\n\t招牌上写着“cafe\u0301”,老人们看不懂\u200b,年轻人拍照打卡。\n'],
  ['emoji with skin tones and ZWJ, 𠀀 and 𪚥', () => '夜市里的新气象👨‍👩‍👧\n●陈思远\n\n摊主们举起手机👍🏽扫码收款,𠀀记糖水铺排起了长队,𪚥记烤串👩🏿‍💻也不示弱!\n'],
  ['a lone surrogate', () => '断掉的表情\n●周明\n\n这段文字里有半个表情\ud83d,后面还有字。\n'],
  ['NUL and control characters', () => '控制字符\n●周明\n\n这里有\u0000空字符,还有\u0007响铃和\u001b转义。\n'],
  ['a byte-order mark inside the text', () => `\ufeff${DRAFT}\ufeff`],
  ['unclosed comments and suppressions', () => `${DRAFT}<!-- opinion-lint-disable\n<!-- opinion-lint-disable-next-line no-such-rule -->\n<!--\n`],
];

describe('bad documents over JSON-RPC', () => {
  it.each(BAD_DOCUMENTS)('%s: diagnostics with sound ranges, and hover and code actions answer anywhere', async (name, make) => {
    const text = make();
    const uri = await session.open(`desk/${name.replace(/\W+/g, '-') || 'doc'}.txt`, text);
    const diagnostics = await session.diagnosticsFor(uri, { version: 1 });
    const doc = session.documents.get(uri)!;
    expect(rangeProblems(doc, diagnostics)).toEqual([]);
    const end = doc.positionAt(text.length);
    const positions = [
      { line: 0, character: 0 },
      end,
      doc.positionAt(Math.floor(text.length / 2)),
      ...diagnostics.slice(0, 3).map((d) => d.range.start),
      { line: end.line + 50, character: 3 },
      { line: 0, character: 100_000 },
    ];
    for (const position of positions) {
      await request('textDocument/hover', { textDocument: { uri }, position });
      await request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: position }, context: { diagnostics: [] } });
    }
    await request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end }, context: { diagnostics: [], only: ['source.fixAll'] } });
    await request('workspace/executeCommand', { command: 'opinionLint.fixAll', arguments: [{ uri }] });
    expect(alive()).toBe(true);
    await session.close(uri);
  }, 180_000);

  it('a document over the size limit gets one message naming the limit, not diagnostics', () => {
    const warnings = session.messages.filter((m) => m.message.includes('字节的上限'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toContain('maxFileSize');
  });
});

describe('garbage parameters', () => {
  it('every malformed request is answered (a result or an error) and the server stays up', async () => {
    const uri = await session.open('desk/garbage.txt', DRAFT);
    await session.diagnosticsFor(uri, { version: 1 });
    const fifo = path.join(workspace, 'desk', 'pipe.txt');
    execFileSync('mkfifo', [fifo]);
    const notOpen = fileUri(path.join(workspace, 'desk', 'never-opened.txt'));
    const garbage: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', null],
      ['textDocument/hover', { textDocument: { uri: notOpen }, position: { line: 0, character: 0 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: -1, character: -5 } }],
      ['textDocument/hover', { textDocument: { uri }, position: { line: 1.5, character: 'x' } }],
      ['textDocument/hover', { textDocument: { uri: 'not a uri' }, position: { line: 0, character: 0 } }],
      ['textDocument/codeAction', { textDocument: { uri } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 5, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/codeAction', { textDocument: { uri }, range: null, context: { diagnostics: [{ bogus: true }], only: 42 } }],
      ['textDocument/codeAction', { textDocument: { uri: notOpen }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }],
      ['textDocument/diagnostic', { textDocument: { uri: notOpen } }],
      ['workspace/executeCommand', {}],
      ['workspace/executeCommand', { command: 'opinionLint.noSuchCommand', arguments: [1, 2, 3] }],
      ['workspace/executeCommand', { command: 'opinionLint.fixAll' }],
      ['workspace/executeCommand', { command: 'opinionLint.fixAll', arguments: [{ uri: notOpen }] }],
      ['workspace/executeCommand', { command: 'opinionLint.fixAll', arguments: [42] }],
      ['workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: [{ folder: path.join(workspace, 'no-such-folder') }] }],
      ['workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: [{ folder: fifo }] }],
      ['workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: [{ folder: 12 }] }],
      ['workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: ['file:///%E0%A4%A'] }],
      ['workspace/executeCommand', { command: 'opinionLint.learnProfile', arguments: [{ folders: 'desk', output: null }] }],
      ['workspace/executeCommand', { command: 'opinionLint.learnProfile', arguments: [{ folders: [path.join(workspace, 'no-such-corpus')], output: path.join(workspace, 'out.json') }] }],
      ['opinionLint/noSuchRequest', { anything: true }],
    ];
    for (const [method, params] of garbage) await request(method, params);

    // Malformed notifications: no answer is due, but the server must survive them.
    const notifications: [string, unknown][] = [
      ['textDocument/didOpen', { textDocument: { uri: fileUri(path.join(workspace, 'desk', 'null.txt')), languageId: 'plaintext', version: 1, text: null } }],
      ['textDocument/didOpen', {}],
      ['textDocument/didChange', { textDocument: { uri: notOpen, version: 2 }, contentChanges: [{ text: '改了' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: { line: 900, character: 0 }, end: { line: 901, character: 0 } }, text: '越界' }] }],
      ['textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: null }],
      ['textDocument/didClose', { textDocument: { uri: notOpen } }],
      ['workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///nowhere/.opinionlintrc.json', type: 2 }, { uri: 42 }] }],
      ['workspace/didChangeConfiguration', { settings: { opinionLint: { rules: 'all', maxFileSize: -1, languages: 'plaintext', profile: 7 } } }],
      ['$/cancelRequest', { id: 'no-such-request' }],
      ['opinionLint/noSuchNotification', [1, 2, 3]],
    ];
    for (const [method, params] of notifications) await session.connection.sendNotification(method, params);

    const fresh = await session.open('desk/after-garbage.txt', DRAFT.replace('●周明', '●许宁'));
    const diagnostics = await session.diagnosticsFor(fresh, { version: 1 });
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(alive()).toBe(true);
    // The folder lint given a named pipe does not block: it answered, with the reason.
    expect(answered.filter((a) => a.method === 'workspace/executeCommand').length).toBeGreaterThanOrEqual(11);
  }, 120_000);
});

describe('broken configuration and profiles while running', () => {
  const rc = () => path.join(workspace, '.opinionlintrc.json');
  let opened = 0;
  const changed = (file: string) => session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });

  it.each([
    ['bad JSON', () => writeFileSync(rc(), '{ "rules": { "slogan-repeat": "off" '), '不是有效的 JSON'],
    ['wrong types', () => writeFileSync(rc(), JSON.stringify({ rules: [], maxFileSize: 'big' })), '“rules”'],
    ['an unknown rule id', () => writeFileSync(rc(), JSON.stringify({ rules: { 'no-such-rule': 'off' } })), '“rules.no-such-rule”'],
    ['a profile path that does not exist', () => writeFileSync(rc(), JSON.stringify({ profile: './profiles/missing.json' })), '“profile”'],
    ['a truncated profile', () => {
      const shipped = readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8');
      writeFileSync(path.join(workspace, 'cut.json'), shipped.slice(0, 4000));
      writeFileSync(rc(), JSON.stringify({ profile: './cut.json' }));
    }, 'cut.json'],
    ['a wrong-version profile', () => {
      const shipped = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'server/profiles/default.json'), 'utf8'));
      writeFileSync(path.join(workspace, 'old.json'), JSON.stringify({ ...shipped, version: 0 }));
      writeFileSync(rc(), JSON.stringify({ profile: './old.json' }));
    }, '“version”'],
  ])('%s: a message naming the file, diagnostics keep coming, the server keeps running', async (_name, breakIt, expected) => {
    const uri = await session.open(`desk/config-${++opened}.txt`, DRAFT);
    await session.diagnosticsFor(uri, { version: 1 });
    const messages = session.messages.length;
    const published = session.published.length;
    breakIt();
    await changed(rc());
    const shown = await session.until('a message about the broken file', () => session.messages.slice(messages).find((m) => m.message.includes(expected)));
    expect(shown.message).toMatch(/\.opinionlintrc\.json|cut\.json|old\.json/);
    const relinted = await session.until('diagnostics after the change', () => session.published.slice(published).find((p) => p.uri === uri));
    expect(relinted.diagnostics.map((d) => d.code)).toContain('punctuation-width');
    expect(alive()).toBe(true);
    await session.close(uri);
  });

  afterAll(() => rmSync(path.join(workspace, '.opinionlintrc.json'), { force: true }));
});

describe('quick fixes', () => {
  it('change only the flagged mark, and carry the version they were computed on (an editor refuses them after an edit)', async () => {
    const text = '老街改造要留住烟火气\n●李明\n\n改造之初,有人主张推倒重建,也有人担心老街变了味道。\n';
    const uri = await session.open('desk/quick-fix.txt', text);
    const diagnostics = await session.diagnosticsFor(uri, { version: 1 });
    const comma = diagnostics.find((d) => d.code === 'punctuation-width')!;
    const actions = (await request('textDocument/codeAction', { textDocument: { uri }, range: comma.range, context: { diagnostics: [comma] } })) as {
      title: string;
      edit?: { documentChanges?: { textDocument: { version: number }; edits: { range: Diagnostic['range']; newText: string }[] }[] };
    }[];
    const fix = actions.find((a) => a.title === '改为全角“，”')!;
    const change = fix.edit!.documentChanges![0];
    expect(change.textDocument.version).toBe(1);
    expect(change.edits).toEqual([{ range: comma.range, newText: '，' }]);

    // The writer types first; the old fix is refused instead of landing on the wrong character.
    await session.change(uri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: '说起老街，' }]);
    expect(() => session.applyWorkspaceEdit(fix.edit as never)).toThrow(/v1/);
    expect(session.text(uri)).toBe(text.replace('改造之初', '说起老街，改造之初'));
    await session.close(uri);
  });
});

describe('a burst of edits', () => {
  it('1,000 didChange notifications end in diagnostics for the final version only, none stale afterwards', async () => {
    const uri = await session.open('desk/burst.txt', DRAFT);
    await session.diagnosticsFor(uri, { version: 1 });
    const before = session.published.length;
    let version = 1;
    for (let i = 0; i < 1000; i++) {
      const doc = session.documents.get(uri)!;
      const end = doc.positionAt(doc.getText().length);
      // Appends, replacements of the whole text and deletions, as a fast typist and an undo do.
      const edit =
        i % 100 === 99
          ? { range: { start: { line: 0, character: 0 }, end }, newText: `${DRAFT}第${i}次改稿,又改了一遍。\n` }
          : i % 7 === 3
            ? { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } }, newText: '' }
            : { range: { start: end, end }, newText: i % 2 ? '饭,' : '菜' };
      version = await session.change(uri, [edit]);
    }
    const final = await session.until('diagnostics for the final version', () => session.published.slice(before).find((p) => p.uri === uri && p.version === version));
    // Whatever the server was still doing for older versions has had time to show up.
    await request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const ours = session.published.slice(before).filter((p) => p.uri === uri);
    const finalIndex = ours.indexOf(final);
    expect(ours.slice(finalIndex + 1).filter((p) => p.version !== version)).toEqual([]);
    expect(ours.every((p) => p.version! <= version)).toBe(true);
    expect(ours.length).toBeLessThan(1000);
    expect(rangeProblems(session.documents.get(uri)!, final.diagnostics)).toEqual([]);
    // The final diagnostics describe the final text: the last appended half-width comma is flagged.
    const last = session.text(uri).lastIndexOf(',');
    const doc = session.documents.get(uri)!;
    expect(final.diagnostics.some((d) => d.code === 'punctuation-width' && doc.offsetAt(d.range.start) === last)).toBe(true);
  }, 120_000);
});

describe('cancelling a folder lint', () => {
  it('$/cancelRequest stops a large hostile folder lint promptly; the request is answered', async () => {
    const folder = path.join(workspace, 'archive');
    const total = 3000;
    for (let i = 0; i < total; i++) {
      const sub = path.join(folder, `第${Math.floor(i / 500)}批`);
      if (i % 500 === 0) mkdirSync(sub, { recursive: true });
      writeFileSync(path.join(sub, `稿件 ${i}.txt`), `口袋公园第${i}号\n●林晓\n\n街道新建口袋公园${(i % 9) + 2}座,居民出门就能遛弯。\n`);
    }
    execFileSync('mkfifo', [path.join(folder, '管道.txt')]);
    const cancel = new CancellationTokenSource();
    const pending = request('workspace/executeCommand', { command: 'opinionLint.lintFolder', arguments: [{ folder }], workDoneToken: 'robust-folder' }, cancel);
    await session.until('the folder lint under way', () => session.progress.some((p) => p.token === 'robust-folder' && /^[1-9]\d* \//.test(p.value.message ?? '')));
    cancel.cancel();
    const result = (await pending) as { files: number; linted: number; cancelled: boolean; skipped: { file: string; reason: string }[] };
    expect(result).toMatchObject({ files: total, cancelled: true });
    expect(result.linted).toBeLessThan(total / 2);
    expect(result.skipped).toEqual(expect.arrayContaining([{ file: '管道.txt', reason: expect.stringContaining('不是普通文件') }]));
    expect(session.progress.filter((p) => p.token === 'robust-folder').at(-1)?.value).toEqual({ kind: 'end' });
    expect(alive()).toBe(true);
  }, 180_000);
});

describe('the end', () => {
  it('answered every request it was sent and shuts down cleanly', async () => {
    expect(answered.length).toBeGreaterThan(150);
    expect(alive()).toBe(true);
    expect(await session.shutdown()).toBe(0);
  });
});
