// Progress on stderr for long runs: a line rewritten in place on a terminal (after the first
// second), or one line every few seconds when stderr is a file or a pipe, so short runs stay quiet.

import { cutToWidth } from './width';

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
      // Cut to the terminal width (Chinese characters take two columns) so the line never wraps.
      this.stream.write(`\r\x1b[K${cutToWidth(line, width)}`);
      this.shownOnTty = true;
      this.lastShown = now;
    } else if (now - Math.max(this.started, this.lastShown) >= PIPE_INTERVAL_MS) {
      this.stream.write(`${this.label}：已完成 ${done} 个文件（${Math.round((now - this.started) / 1000)} 秒）\n`);
      this.lastShown = now;
    }
  }

  /** Writes a message line, clearing the in-place progress line first so they do not mix. */
  print(message: string): void {
    this.done();
    this.stream.write(message.endsWith('\n') ? message : `${message}\n`);
  }

  /** Clears the in-place line. */
  done(): void {
    if (this.shownOnTty) this.stream.write('\r\x1b[K');
    this.shownOnTty = false;
  }
}
