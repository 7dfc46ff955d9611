// Buffered synchronous file output: a trace of millions of lines goes out in 1 MiB writes.

import { closeSync, openSync, writeSync } from 'node:fs';

const FLUSH_AT = 1 << 20;

export class FileWriter {
  private readonly fd: number;
  private buffer: string[] = [];
  private buffered = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  readonly write = (text: string): void => {
    this.buffer.push(text);
    this.buffered += text.length;
    if (this.buffered >= FLUSH_AT) this.flush();
  };

  close(): void {
    this.flush();
    closeSync(this.fd);
  }

  private flush(): void {
    if (this.buffered === 0) return;
    writeSync(this.fd, this.buffer.join(''));
    this.buffer = [];
    this.buffered = 0;
  }
}
