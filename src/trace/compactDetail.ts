// Packet details made only of small scalar fields (PUBLISH and its acknowledgements, CONNACK,
// DISCONNECT with a reason code) are the bulk of a big run's detail; they live in typed-array
// columns here instead of one object each. So do a live packet's `source` and its
// `sentUnknown` / `arriveUnknown` marks (a flood of live PUBLISHes is the bulk of a live trace).
// Anything else (CONNECT's will, SUBSCRIBE's list, properties, other unknown keys) is not compact:
// the store keeps it as an object.
import { EVENT_SOURCES, SOURCE_INDEX } from './codes';
import { nextCapacity, resized } from './grow';
import type { Interner } from './intern';
import { TextArena } from './textArena';
import type { PacketDetail, Payload } from './types';

// Bits of the flags column: each optional field's value and whether it is present.
const QOS_MASK = 0b11;
const HAS_QOS = 1 << 2;
const RETAIN = 1 << 3;
const HAS_RETAIN = 1 << 4;
const DUP = 1 << 5;
const HAS_DUP = 1 << 6;
const SESSION_PRESENT = 1 << 7;
const HAS_SESSION_PRESENT = 1 << 8;
const PAYLOAD_BASE64 = 1 << 9;
const HAS_REASON_CODE = 1 << 10;
/** 3 bits: 0 no source, else index in EVENT_SOURCES + 1. */
const SOURCE_SHIFT = 11;
const SOURCE_MASK = 0b111;
const SENT_UNKNOWN = 1 << 14;
const ARRIVE_UNKNOWN = 1 << 15;
const REASON_CODE_SHIFT = 16;

/** A live packet's fields beyond PacketDetail that fit here (only `true` is ever written for the marks). */
interface LiveMarks {
  source?: string;
  sentUnknown?: boolean;
  arriveUnknown?: boolean;
}

const hasOwn = Object.prototype.hasOwnProperty;

function isInt(v: unknown, max: number): v is number {
  return typeof v === 'number' && (v | 0) === v && v >= 0 && v <= max && !Object.is(v, -0);
}

function isBase64Payload(v: unknown): v is { base64: string } {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === 'base64' && typeof (v as { base64: unknown }).base64 === 'string';
}

/** 'empty' when the detail has no defined field, 'compact' when it fits the columns, else 'object'. */
export function detailShape(detail: PacketDetail): 'empty' | 'compact' | 'object' {
  const d = detail as unknown as Record<string, unknown>;
  let empty = true;
  for (const key in d) {
    if (!hasOwn.call(d, key)) continue;
    const v = d[key];
    if (v === undefined) continue;
    empty = false;
    let ok: boolean;
    switch (key) {
      case 'topic':
        ok = typeof v === 'string';
        break;
      case 'payload':
        ok = typeof v === 'string' || isBase64Payload(v);
        break;
      case 'qos':
        ok = v === 0 || v === 1 || v === 2;
        break;
      case 'retain':
      case 'dup':
      case 'sessionPresent':
        ok = typeof v === 'boolean';
        break;
      case 'messageId':
        ok = isInt(v, 0x7fffffff);
        break;
      case 'reasonCode':
        ok = isInt(v, 255);
        break;
      case 'source':
        ok = typeof v === 'string' && SOURCE_INDEX.has(v);
        break;
      case 'sentUnknown':
      case 'arriveUnknown':
        ok = v === true;
        break;
      default:
        ok = false;
    }
    if (!ok) return 'object';
  }
  return empty ? 'empty' : 'compact';
}

export class CompactDetails {
  private n = 0;
  private topic = new Int32Array(0);
  private payload = new Int32Array(0);
  private messageId = new Int32Array(0);
  private flags = new Uint32Array(0);
  /**
   * Payload texts, by the payload column's ids. Not interned in a Map: a run whose payloads all
   * differ (counters, timestamps) would pay a Map entry for each. Instead a payload equal to the
   * previous one on the same topic reuses its id, which covers the usual repeated payloads.
   */
  private readonly payloads = new TextArena();
  /** Topic id + 1 → id of the last payload on that topic (-1: none yet); slot 0 is "no topic". */
  private lastPayload = new Int32Array(0);

  /** Stores a detail that `detailShape` called compact; topics go to `topics`. Returns its row. */
  add(detail: PacketDetail, topics: Interner): number {
    if (this.n === this.topic.length) this.resize(nextCapacity(this.n));
    const row = this.n++;
    const { topic, payload, qos, retain, dup, sessionPresent, messageId, reasonCode } = detail;
    let flags = 0;
    if (qos !== undefined) flags |= HAS_QOS | qos;
    if (retain !== undefined) flags |= HAS_RETAIN | (retain ? RETAIN : 0);
    if (dup !== undefined) flags |= HAS_DUP | (dup ? DUP : 0);
    if (sessionPresent !== undefined) flags |= HAS_SESSION_PRESENT | (sessionPresent ? SESSION_PRESENT : 0);
    if (reasonCode !== undefined) flags |= HAS_REASON_CODE | (reasonCode << REASON_CODE_SHIFT);
    const { source, sentUnknown, arriveUnknown } = detail as LiveMarks;
    if (source !== undefined) flags |= ((SOURCE_INDEX.get(source) ?? -1) + 1) << SOURCE_SHIFT;
    if (sentUnknown === true) flags |= SENT_UNKNOWN;
    if (arriveUnknown === true) flags |= ARRIVE_UNKNOWN;
    const topicId = topic === undefined ? -1 : topics.id(topic);
    let payloadId = -1;
    if (payload !== undefined) {
      const text = typeof payload === 'string' ? payload : payload.base64;
      if (typeof payload !== 'string') flags |= PAYLOAD_BASE64;
      payloadId = this.payloadId(topicId, text);
    }
    this.topic[row] = topicId;
    this.payload[row] = payloadId;
    this.messageId[row] = messageId ?? -1;
    this.flags[row] = flags;
    return row;
  }

  /** Adds row `row`'s fields to `into`, in canonical order. */
  read(row: number, topics: Interner, into: PacketDetail): void {
    const flags = this.flags[row];
    const topic = this.topic[row];
    const payload = this.payload[row];
    const messageId = this.messageId[row];
    if (topic !== -1) into.topic = topics.get(topic);
    if (flags & HAS_QOS) into.qos = (flags & QOS_MASK) as 0 | 1 | 2;
    if (flags & HAS_RETAIN) into.retain = (flags & RETAIN) !== 0;
    if (flags & HAS_DUP) into.dup = (flags & DUP) !== 0;
    if (payload !== -1) {
      const text = this.payloads.get(payload);
      into.payload = (flags & PAYLOAD_BASE64 ? { base64: text } : text) satisfies Payload;
    }
    if (messageId !== -1) into.messageId = messageId;
    if (flags & HAS_REASON_CODE) into.reasonCode = (flags >>> REASON_CODE_SHIFT) & 0xff;
    if (flags & HAS_SESSION_PRESENT) into.sessionPresent = (flags & SESSION_PRESENT) !== 0;
    const source = (flags >>> SOURCE_SHIFT) & SOURCE_MASK;
    const marks = into as LiveMarks;
    if (source !== 0) marks.source = EVENT_SOURCES[source - 1];
    if (flags & SENT_UNKNOWN) marks.sentUnknown = true;
    if (flags & ARRIVE_UNKNOWN) marks.arriveUnknown = true;
  }

  private payloadId(topicId: number, text: string): number {
    const slot = topicId + 1;
    if (slot >= this.lastPayload.length) {
      const old = this.lastPayload.length;
      this.lastPayload = resized(this.lastPayload, Math.max(slot + 1, nextCapacity(old)), old);
      this.lastPayload.fill(-1, old);
    }
    const last = this.lastPayload[slot];
    if (last !== -1 && this.payloads.equals(last, text)) return last;
    return (this.lastPayload[slot] = this.payloads.add(text));
  }

  private resize(capacity: number): void {
    this.topic = resized(this.topic, capacity, this.n);
    this.payload = resized(this.payload, capacity, this.n);
    this.messageId = resized(this.messageId, capacity, this.n);
    this.flags = resized(this.flags, capacity, this.n);
  }

  /**
   * Forgets rows 0..k-1: row `k` becomes row 0. Payload texts no remaining row uses go too (a payload
   * may be shared with an earlier row on the same topic, so the first one still used is looked up).
   */
  dropOldest(k: number): void {
    k = Math.min(k, this.n);
    if (k <= 0) return;
    const n = this.n - k;
    let firstPayload = this.payloads.length;
    for (let i = k; i < this.n; i++) {
      const p = this.payload[i];
      if (p !== -1 && p < firstPayload) firstPayload = p;
    }
    this.topic.copyWithin(0, k, this.n);
    this.payload.copyWithin(0, k, this.n);
    this.messageId.copyWithin(0, k, this.n);
    this.flags.copyWithin(0, k, this.n);
    this.n = n;
    for (let i = 0; i < n; i++) if (this.payload[i] !== -1) this.payload[i] -= firstPayload;
    const last = this.lastPayload;
    for (let s = 0; s < last.length; s++) last[s] = last[s] < firstPayload ? -1 : last[s] - firstPayload;
    this.payloads.dropBefore(firstPayload);
  }

  /** For each of `count` topic ids, 1 when a held row uses it. */
  usedTopics(count: number): Uint8Array {
    const used = new Uint8Array(count);
    for (let i = 0; i < this.n; i++) {
      const t = this.topic[i];
      if (t !== -1) used[t] = 1;
    }
    return used;
  }

  /** Renumbers topic ids (`remap[old]` = new id, -1 for one no row uses); `size` ids remain. */
  renumberTopics(remap: Int32Array, size: number): void {
    for (let i = 0; i < this.n; i++) {
      const t = this.topic[i];
      if (t !== -1) this.topic[i] = remap[t];
    }
    // lastPayload is indexed by topic id + 1; slot 0 is "no topic".
    const last = new Int32Array(size + 1).fill(-1);
    if (this.lastPayload.length > 0) last[0] = this.lastPayload[0];
    for (let old = 0; old < remap.length; old++) {
      if (remap[old] !== -1 && old + 1 < this.lastPayload.length)
        last[remap[old] + 1] = this.lastPayload[old + 1];
    }
    this.lastPayload = last;
  }

  /** Releases spare capacity. */
  trim(): void {
    this.resize(this.n);
    this.payloads.trim();
  }

  memoryBytes(): number {
    const columns =
      this.topic.byteLength + this.payload.byteLength + this.messageId.byteLength + this.flags.byteLength;
    return columns + this.payloads.memoryBytes() + this.lastPayload.byteLength;
  }
}
