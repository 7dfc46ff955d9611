// How the command-line tools end: with their exit code once their output is out, even when a
// library left a timer or a socket behind (a reconnecting MQTT client), and quietly when the reader
// of their output went away (`npm run sim | head`).

/** Grace for handles left behind before the process exits anyway, ms. */
const EXIT_GRACE_MS = 500;

/** Ends the process with `code` once the event loop is idle, or after EXIT_GRACE_MS at the latest. */
export function exitWhenDone(code: number): void {
  process.exitCode = code;
  setTimeout(() => process.exit(), EXIT_GRACE_MS).unref();
}

/** `… | head` closes the pipe early: that ends the output, it is no error worth a stack trace. */
export function quietOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}
