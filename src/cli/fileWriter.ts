// Buffered synchronous file output: a trace of millions of lines goes out in 1 MiB writes.
//
// A regular file (or a new one) is written beside its final name, under a temporary one, and renamed
// over it only when complete: a run that fails (a rejected scenario, a full disk) leaves whatever was
// there before untouched. Anything else (/dev/null, /dev/full, a pipe, a terminal) is written in place.
// Every failure is an OutputError that names the path and the system's code, never a stack trace.

import { closeSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const FLUSH_AT = 1 << 20;

/** `--out` cannot be written. `usage`: the path itself is wrong (exit code 2); `io`: writing failed. */
export class OutputError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'io',
  ) {
    super(message);
    this.name = 'OutputError';
  }
}

const codeOf = (err: unknown): string => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

function kindOf(path: string): 'missing' | 'file' | 'folder' | 'other' {
  const st = statSync(path, { throwIfNoEntry: false });
  if (st === undefined) return 'missing';
  return st.isFile() ? 'file' : st.isDirectory() ? 'folder' : 'other';
}

export class FileWriter {
  private readonly fd: number;
  /** Where the text goes until it is complete (null: written in place). */
  private readonly temp: string | null;
  private buffer: string[] = [];
  private buffered = 0;
  private done = false;
  private aborted = false;

  constructor(private readonly path: string) {
    const kind = kindOf(path);
    if (kind === 'folder') throw new OutputError(`${path}: is a folder, not a file`, 'usage');
    if (kind === 'missing' && kindOf(dirname(path)) !== 'folder') {
      throw new OutputError(`${path}: no such folder (${dirname(path)})`, 'usage');
    }
    this.temp = kind === 'other' ? null : join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    try {
      this.fd = openSync(this.temp ?? path, this.temp === null ? 'w' : 'wx');
    } catch (err) {
      throw new OutputError(`${path}: cannot write (${codeOf(err)})`, 'usage');
    }
  }

  readonly write = (text: string): void => {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_AT) this.flush();
  };

  /** Writes what is left and puts the file in place. */
  close(): void {
    if (this.done) return;
    try {
      this.flush();
      this.done = true;
      closeSync(this.fd);
      if (this.temp !== null) renameSync(this.temp, this.path);
    } catch (err) {
      this.abort();
      throw err instanceof OutputError
        ? err
        : new OutputError(`${this.path}: cannot write (${codeOf(err)})`, 'io');
    }
  }

  /** Gives up: the temporary file goes, the file at `path` stays as it was. */
  abort(): void {
    if (this.aborted) return;
    this.aborted = true;
    if (!this.done) {
      this.done = true;
      try {
        closeSync(this.fd);
      } catch {
        // Closing a descriptor that failed to write: nothing more to lose.
      }
    }
    if (this.temp !== null) {
      try {
        unlinkSync(this.temp);
      } catch {
        // Already gone.
      }
    }
  }

  private flush(): void {
    if (this.buffered === 0) return;
    const bytes = Buffer.from(this.buffer.join(''), 'utf8');
    this.buffer = [];
    this.buffered = 0;
    try {
      // A pipe may take part of it at a time.
      for (let off = 0; off < bytes.length;) off += writeSync(this.fd, bytes, off);
    } catch (err) {
      this.abort();
      throw new OutputError(`${this.path}: cannot write (${codeOf(err)})`, 'io');
    }
  }
}
