// Reading a trace file: line 1 the header, then one event per line, each validated (validate.ts).
// TraceReader takes the text in chunks of any size, so a big file never has to be one string.
import { TraceParseError } from './parseError';
import type { TraceEvent, TraceHeader } from './types';
import { validateEvent, validateHeader } from './validate';

export { TraceParseError } from './parseError';

/** Incremental reader: `feed` chunks as they come, then `end`; events go to `onEvent` in file order. */
export class TraceReader {
  private header: TraceHeader | null = null;
  /** The unfinished last line of the text fed so far. */
  private rest = '';
  private lineNo = 0;
  private lastT = 0;
  /** A blank line is fine only at the end: remember the first one until a non-blank line shows up. */
  private blankLine = 0;

  constructor(private readonly onEvent: (e: TraceEvent) => void) {}

  /** The header, once line 1 has been read. */
  get traceHeader(): TraceHeader | null {
    return this.header;
  }

  feed(chunk: string): void {
    const text = this.rest + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
  }

  /** Finishes the text; returns the header (throws if the trace had none). */
  end(): TraceHeader {
    if (this.rest !== '') this.line(this.rest);
    this.rest = '';
    if (this.header === null) throw new TraceParseError(1, 'missing header (the trace is empty)', 'header');
    return this.header;
  }

  private line(raw: string): void {
    const no = ++this.lineNo;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text.trim() === '') {
      if (this.blankLine === 0) this.blankLine = no;
      return;
    }
    if (this.blankLine !== 0) {
      const what =
        this.blankLine === 1 ? 'blank line where the header should be' : 'blank line inside the trace';
      throw new TraceParseError(this.blankLine, what);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new TraceParseError(no, `not JSON: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (this.header === null) {
      this.header = validateHeader(value, no);
      return;
    }
    const e = validateEvent(value, no, this.lastT);
    this.lastT = e.t;
    this.onEvent(e);
  }
}

/** Parses a whole trace held in memory. */
export function parseTrace(text: string): { header: TraceHeader; events: TraceEvent[] } {
  const events: TraceEvent[] = [];
  const reader = new TraceReader((e) => events.push(e));
  reader.feed(text);
  return { header: reader.end(), events };
}
