// The language server as an editor drives it: spawn `node server/out/server.js --stdio`, initialize,
// open the draft, then type a burst of edits. Times are taken from what the client sees.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { applyEdit, lspPosition, type Edit } from './draft';
import { peakRssMb, processCpuMs } from './proc';

export interface ServerResult {
  /** Process start → first diagnostics of the opened draft (dictionary load included). */
  server_first_diagnostics_ms: number;
  /** CPU time the server had used by then (less disturbed by other work on the machine). */
  server_first_diagnostics_cpu_ms?: number;
  /** Last edit of the burst → diagnostics for the final version. */
  server_burst_ms: number;
  /** The server's debounce, read from its source; `server_burst_ms` minus it is the work. */
  server_debounce_ms?: number;
  server_burst_minus_debounce_ms?: number;
  /** Diagnostics published during the burst (1 means the debounce coalesced it fully). */
  server_burst_publishes: number;
  server_rss_mb: number;
  server_diagnostics: number;
}

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
}

/** Minimal LSP client over stdio: Content-Length framing, requests and notifications. */
class LspClient {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
  readonly notifications: { at: number; message: Message }[] = [];
  private listeners: ((m: Message, at: number) => void)[] = [];

  constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  private receive(chunk: Buffer): void {
    const at = performance.now();
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'));
      if (!m) throw new Error('LSP message without Content-Length');
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(message, at);
    }
  }

  private dispatch(message: Message, at: number): void {
    if (message.id !== undefined && message.method) {
      // A request from the server (workspace/configuration, registerCapability…): answer plainly.
      const result = message.method === 'workspace/configuration' ? (message.params?.items ?? []).map(() => null) : null;
      this.write({ jsonrpc: '2.0', id: message.id, result });
      return;
    }
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.error) waiter?.reject(new Error(message.error.message));
      else waiter?.resolve(message.result);
      return;
    }
    this.notifications.push({ at, message });
    for (const listener of this.listeners) listener(message, at);
  }

  private write(payload: object): void {
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    this.child.stdin!.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin!.write(body);
  }

  request(method: string, params: unknown): Promise<any> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** Resolves with the time of the first notification that `match` accepts (already received or not). */
  waitFor(match: (m: Message) => boolean, timeoutMs: number): Promise<number> {
    const seen = this.notifications.find((n) => match(n.message));
    if (seen) return Promise.resolve(seen.at);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(new Error(`no matching notification within ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (m: Message, at: number) => {
        if (!match(m)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(at);
      };
      this.listeners.push(listener);
    });
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function measureServer(options: {
  serverJs: string;
  serverSource: string;
  draftFile: string;
  edits: readonly Edit[];
  typingIntervalMs: number;
  /** The server's OPINION_LINT_SEGMENTER (unset: native when it loads). */
  segmenter?: 'native' | 'portable';
}): Promise<ServerResult & Record<string, unknown>> {
  const draft = readFileSync(options.draftFile, 'utf8');
  const uri = pathToFileURL(options.draftFile).href;
  const started = performance.now();
  const env = options.segmenter ? { ...process.env, OPINION_LINT_SEGMENTER: options.segmenter } : process.env;
  const child = spawn(process.execPath, [options.serverJs, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const client = new LspClient(child);
  const diagnosticsFor = (version: number) => (m: Message) => m.method === 'textDocument/publishDiagnostics' && m.params?.uri === uri && m.params?.version === version;
  try {
    await client.request('initialize', { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    client.notify('initialized', {});
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'plaintext', version: 1, text: draft } });
    const firstAt = await client.waitFor(diagnosticsFor(1), 30_000);
    const firstCpuMs = processCpuMs(child.pid!);
    const first = client.notifications.find((n) => diagnosticsFor(1)(n.message))!.message;

    let text = draft;
    let version = 1;
    let lastEditAt = 0;
    const publishesBefore = client.notifications.length;
    for (const edit of options.edits) {
      const start = lspPosition(text, edit.offset);
      const end = lspPosition(text, edit.offset + edit.deleteCount);
      text = applyEdit(text, edit);
      version++;
      client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start, end }, text: edit.insert }] });
      lastEditAt = performance.now();
      await sleep(options.typingIntervalMs);
    }
    const finalAt = await client.waitFor(diagnosticsFor(version), 30_000);
    const burstPublishes = client.notifications.slice(publishesBefore).filter((n) => n.message.method === 'textDocument/publishDiagnostics').length;
    const rss = peakRssMb(child.pid!);
    await client.request('shutdown', null);
    client.notify('exit', null);
    await Promise.race([exited, sleep(3000)]);

    const debounce = /DEBOUNCE_MS\s*=\s*(\d+)/.exec(readFileSync(options.serverSource, 'utf8'));
    const burst = finalAt - lastEditAt;
    return {
      server_first_diagnostics_ms: firstAt - started,
      server_first_diagnostics_cpu_ms: firstCpuMs,
      server_burst_ms: burst,
      server_debounce_ms: debounce ? Number(debounce[1]) : undefined,
      server_burst_minus_debounce_ms: debounce ? burst - Number(debounce[1]) : undefined,
      server_burst_publishes: burstPublishes,
      server_rss_mb: rss,
      server_diagnostics: first.params.diagnostics.length,
    };
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : err}${stderr ? `; server stderr: ${stderr.trim().split('\n').slice(-3).join(' | ')}` : ''}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
