// The timeline follows the traffic filter. Between the live session and the page's trace, this sink
// passes on, while a filter is on:
//   - the PUBLISH packets and wills whose topic and payload match, and the acknowledgements of those
//     PUBLISHes (same connection and packet identifier);
//   - every other event (connections, pings, timeouts, take-overs, faults …) of the clients that have
//     matching messages: their lanes keep their context, lanes without a match are left out.
// A new filter (or a client's first match) re-sends what the session holds, filtered, as a new trace
// (`begin`, then the events): the page's timeline is always exactly the session's record, filtered.
// Which events passed is remembered (a byte each) so that dropping the session's oldest events drops
// the right number of the page's.
import type { Direction, Payload, TraceEvent, TraceHeader } from '../trace';
import { compileFilter, isFilterOn, type FilterMatcher, type TrafficFilter } from './filter';
import type { LiveTraceSink } from './types';

/** Events sent in one `append` when the held record is sent again. */
const RESEND_CHUNK = 5000;

export interface TimelineFilterStats {
  on: boolean;
  /** Clients whose lanes the timeline shows / clients in the session's record (while a filter is on). */
  shownClients: number;
  totalClients: number;
}

const opposite = (d: Direction): Direction => (d === 'c2b' ? 'b2c' : 'c2b');

function payloadText(p: Payload | undefined): string {
  if (p === undefined) return '';
  if (typeof p === 'string') return p;
  try {
    const binary = atob(p.base64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new TextDecoder().decode(bytes);
  } catch {
    return '';
  }
}

/** The client an event is about (a fault's target). */
function clientOf(e: TraceEvent): string {
  return e.kind === 'fault' ? e.target : e.client;
}

export class TimelineFilter implements LiveTraceSink {
  private header: TraceHeader | null = null;
  private matcher: FilterMatcher = compileFilter(null);
  /** Pass flags of the held events, oldest first, from `start` to `end` (only while a filter is on). */
  private flags = new Uint8Array(0);
  private start = 0;
  private end = 0;
  private readonly matched = new Set<string>();
  private readonly clients = new Set<string>();
  /** PUBLISHes that passed, awaiting their acknowledgements: `conn:messageId:dir of the PUBLISH`. */
  private readonly awaitingAck = new Set<string>();

  /** `widened`: a client matched for the first time (its earlier events were left out): send again. */
  constructor(
    private readonly out: LiveTraceSink,
    private readonly widened: () => void = () => undefined,
  ) {}

  get filter(): TrafficFilter {
    return this.matcher.filter;
  }

  stats(): TimelineFilterStats {
    return { on: this.matcher.on, shownClients: this.matched.size, totalClients: this.clients.size };
  }

  begin(header: TraceHeader): void {
    this.header = header;
    this.clearState(false);
    this.out.begin(header);
  }

  append(events: TraceEvent[]): void {
    if (!this.matcher.on) {
      this.out.append(events);
      return;
    }
    const passed: TraceEvent[] = [];
    let widened = false;
    for (const e of events) {
      const before = this.matched.size;
      const pass = this.passes(e);
      if (this.matched.size > before) widened = true;
      this.pushFlag(pass);
      if (pass) passed.push(e);
    }
    if (passed.length > 0) this.out.append(passed);
    if (widened) this.widened();
  }

  dropOldest(count: number): void {
    if (!this.matcher.on) {
      this.out.dropOldest(count);
      return;
    }
    const n = Math.min(count, this.end - this.start);
    let passed = 0;
    for (let i = this.start; i < this.start + n; i++) passed += this.flags[i];
    this.start += n;
    if (passed > 0) this.out.dropOldest(passed);
  }

  /**
   * Sets the filter and sends the held record again through it (`held`: the session's events, oldest
   * first, exactly those passed on so far). Twice through `held`: first to learn which clients match.
   */
  setFilter(filter: TrafficFilter | null, held: Iterable<TraceEvent>): void {
    this.matcher = compileFilter(isFilterOn(filter) ? filter : null);
    this.clearState(false);
    if (this.header === null) return;
    if (this.matcher.on) {
      for (const e of held) this.passes(e);
      this.clearState(true);
    }
    this.out.begin(this.header);
    let chunk: TraceEvent[] = [];
    for (const e of held) {
      const pass = !this.matcher.on || this.passes(e);
      if (this.matcher.on) this.pushFlag(pass);
      if (!pass) continue;
      chunk.push(e);
      if (chunk.length >= RESEND_CHUNK) {
        this.out.append(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) this.out.append(chunk);
  }

  /** Forgets what was learnt of the events (`keepMatched`: the clients that match stay known). */
  private clearState(keepMatched: boolean): void {
    this.start = this.end = 0;
    this.awaitingAck.clear();
    this.clients.clear();
    if (!keepMatched) this.matched.clear();
  }

  private passes(e: TraceEvent): boolean {
    const client = clientOf(e);
    this.clients.add(client);
    const m = this.matcher;
    if (e.kind === 'packet') {
      if (e.type === 'PUBLISH') {
        const pass = e.topic !== undefined && m.topic(e.topic) && m.payloadText(payloadText(e.payload));
        if (pass) {
          this.matched.add(client);
          if (e.messageId !== undefined) this.awaitingAck.add(`${e.conn}:${e.messageId}:${e.dir}`);
        }
        return pass;
      }
      if (e.type === 'PUBACK' || e.type === 'PUBREC' || e.type === 'PUBREL' || e.type === 'PUBCOMP') {
        const key = `${e.conn}:${e.messageId}:${e.type === 'PUBREL' ? e.dir : opposite(e.dir)}`;
        const pass = this.awaitingAck.has(key);
        if (pass && (e.type === 'PUBACK' || e.type === 'PUBCOMP')) this.awaitingAck.delete(key);
        return pass;
      }
    }
    if (e.kind === 'will' && m.topic(e.topic) && m.payloadText(payloadText(e.payload))) {
      this.matched.add(client);
      return true;
    }
    return this.matched.has(client);
  }

  private pushFlag(pass: boolean): void {
    if (this.end === this.flags.length) {
      const live = this.end - this.start;
      if (this.start > 0 && live <= this.flags.length / 2) {
        this.flags.copyWithin(0, this.start, this.end);
      } else {
        const grown = new Uint8Array(Math.max(1024, this.flags.length * 2));
        grown.set(this.flags.subarray(this.start, this.end));
        this.flags = grown;
      }
      this.start = 0;
      this.end = live;
    }
    this.flags[this.end++] = pass ? 1 : 0;
  }
}
