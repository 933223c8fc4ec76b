// A run stopped by the user (Ctrl-C in the CLI, a cancelled request in the editor).

export class CancelledError extends Error {
  constructor() {
    super('已取消');
  }
}
