// Reading a trace file: line 1 the header, then one event per line, each validated (validate.ts).
// TraceReader takes the text in chunks of any size, so a big file never has to be one string.
import { TraceParseError } from './parseError';
import type { TraceEvent, TraceHeader } from './types';
import { jsonDepthOver } from './jsonDepth';
import { validateEvent, validateHeader } from './validate';

export { TraceParseError } from './parseError';

/**
 * The longest line read, characters. A line is one event (a PUBLISH payload is cut at 16 KiB in live
 * traces) or the header with its scenario; without a bound, one endless line would grow until the
 * string no longer fits in memory.
 */
export const MAX_TRACE_LINE_CHARS = 16 * 1024 * 1024;
/**
 * The deepest nesting of objects and arrays in a line. Nothing in the format nests more than a few
 * levels, and a deeper value would overflow the stack of whatever copies or prints it later.
 */
export const MAX_TRACE_DEPTH = 64;
const BOM = 0xfeff;

/** Incremental reader: `feed` chunks as they come, then `end`; events go to `onEvent` in file order. */
export class TraceReader {
  private header: TraceHeader | null = null;
  /** The unfinished last line of the text fed so far, in pieces (joined once, when it ends). */
  private rest: string[] = [];
  private restChars = 0;
  private started = false;
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
    let start = 0;
    // A byte order mark, as some editors save a file, is not part of the header.
    if (!this.started && chunk.length > 0) {
      this.started = true;
      if (chunk.charCodeAt(0) === BOM) start = 1;
    }
    for (let nl = chunk.indexOf('\n', start); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.line(this.takeRest(chunk.slice(start, nl)));
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.restChars += chunk.length - start;
      if (this.restChars > MAX_TRACE_LINE_CHARS) this.tooLong(this.lineNo + 1);
      this.rest.push(chunk.slice(start));
    }
  }

  /** Finishes the text; returns the header (throws if the trace had none). */
  end(): TraceHeader {
    if (this.restChars > 0) this.line(this.takeRest(''));
    if (this.header === null) throw new TraceParseError(1, 'missing header (the trace is empty)', 'header');
    return this.header;
  }

  /** The unfinished line so far with `tail`, which ends it. */
  private takeRest(tail: string): string {
    if (this.rest.length === 0) return tail;
    const whole = this.rest.join('') + tail;
    this.rest = [];
    this.restChars = 0;
    return whole;
  }

  private tooLong(line: number): never {
    throw new TraceParseError(line, `longer than ${MAX_TRACE_LINE_CHARS} characters`);
  }

  private line(raw: string): void {
    const no = ++this.lineNo;
    if (raw.length > MAX_TRACE_LINE_CHARS) this.tooLong(no);
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
    if (jsonDepthOver(value, MAX_TRACE_DEPTH)) {
      throw new TraceParseError(no, `nested deeper than ${MAX_TRACE_DEPTH} levels of objects and arrays`);
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
