// A trace file read as a stream: 1 MiB at a time, decoded (UTF-8 split across reads is fine) and fed
// to the trace reader, each event handed on and forgotten. A trace of any size is read in the memory
// its facts need, never as one string (a string in V8 holds at most about 512 MiB).

import { closeSync, openSync, readSync } from 'node:fs';
import { TraceReader } from '../trace/parse';
import type { TraceEvent, TraceHeader } from '../trace/types';

const CHUNK = 1 << 20;

/** Reads `path`, calling `onEvent` for each event in file order; returns the header. */
export function readTraceFile(path: string, onEvent: (e: TraceEvent) => void): TraceHeader {
  const reader = new TraceReader(onEvent);
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.allocUnsafe(CHUNK);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK, null);
      if (n === 0) break;
      reader.feed(decoder.decode(buffer.subarray(0, n), { stream: true }));
    }
    reader.feed(decoder.decode());
  } finally {
    closeSync(fd);
  }
  return reader.end();
}
