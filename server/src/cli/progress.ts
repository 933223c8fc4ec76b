// Progress on stderr for long runs: a line rewritten in place on a terminal (after the first
// second), or one line every few seconds when stderr is a file or a pipe, so short runs stay quiet.

const TTY_DELAY_MS = 1000;
const TTY_INTERVAL_MS = 100;
const PIPE_INTERVAL_MS = 10_000;

export class Progress {
  private readonly started = Date.now();
  private lastShown = 0;
  private shownOnTty = false;

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean; columns?: number },
    private readonly label = '正在检查',
  ) {}

  update(done: number, current: string): void {
    const now = Date.now();
    if (this.stream.isTTY) {
      if (now - this.started < TTY_DELAY_MS || now - this.lastShown < TTY_INTERVAL_MS) return;
      const width = Math.max(20, (this.stream.columns ?? 80) - 1);
      const line = `${this.label}：已完成 ${done} 个文件  ${current}`;
      // Chinese characters are two columns wide; cut by an estimate so the line never wraps.
      this.stream.write(`\r\x1b[K${cutToColumns(line, width)}`);
      this.shownOnTty = true;
      this.lastShown = now;
    } else if (now - Math.max(this.started, this.lastShown) >= PIPE_INTERVAL_MS) {
      this.stream.write(`${this.label}：已完成 ${done} 个文件（${Math.round((now - this.started) / 1000)} 秒）\n`);
      this.lastShown = now;
    }
  }

  /** Clears the in-place line. */
  done(): void {
    if (this.shownOnTty) this.stream.write('\r\x1b[K');
    this.shownOnTty = false;
  }
}

function cutToColumns(s: string, columns: number): string {
  let used = 0;
  let out = '';
  for (const ch of s) {
    const w = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
    if (used + w > columns) break;
    used += w;
    out += ch;
  }
  return out;
}
