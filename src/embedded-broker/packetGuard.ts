// What the embedded broker checks in the bytes a client sends, before aedes sees them. aedes's parser
// (mqtt-packet) keeps every byte of a packet until the packet is complete, whatever length its fixed
// header announces (up to 256 MiB), and decodes strings leniently (invalid UTF-8 becomes U+FFFD).
// So, packet by packet, from the fixed header:
//   - a packet longer than the maximum packet size closes the connection as soon as its header says
//     so, before its body is buffered (MQTT 3.1.1 leaves the limit to the server; MQTT 5.0 names it
//     Maximum Packet Size, [MQTT-3.2.2-15]);
//   - CONNECT, SUBSCRIBE and UNSUBSCRIBE are held until complete, a PUBLISH until its topic has come,
//     and their UTF-8 strings checked: ill-formed UTF-8 or U+0000 closes the connection (3.1.1
//     [MQTT-1.5.3-1], [MQTT-1.5.3-2]; 5.0 [MQTT-1.5.4-1], [MQTT-1.5.4-2]);
//   - everything else goes on as it arrives.
// A packet whose structure cannot be read is passed on: aedes's parser rejects it itself.

const CONNECT = 1;
const PUBLISH = 3;
const SUBSCRIBE = 8;
const UNSUBSCRIBE = 10;

/** Why a connection is closed. */
export type GuardViolation =
  | { kind: 'too-large'; type: number; size: number; max: number }
  | { kind: 'malformed-length' }
  | { kind: 'bad-string'; field: string };

/** What one chunk of input gives: bytes for the broker, and the reason to close after them, if any. */
export type GuardResult = { out: Buffer[]; violation: GuardViolation | null };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** A well-formed UTF-8 string without U+0000 (the WHATWG decoder also refuses encoded surrogates). */
function mqttString(bytes: Uint8Array): boolean {
  try {
    return !strictUtf8.decode(bytes).includes('\u0000');
  } catch {
    return false;
  }
}

/** Reads the strings of a packet body; `bad` names the first ill-formed one, `broken` a body it cannot read. */
class BodyReader {
  private at = 0;
  private readonly body: Buffer;
  bad: string | null = null;
  broken = false;

  constructor(body: Buffer) {
    this.body = body;
  }

  get done(): boolean {
    return this.at >= this.body.length;
  }

  skip(n: number): void {
    if (this.at + n > this.body.length) this.broken = true;
    this.at += n;
  }

  byte(): number {
    if (this.at >= this.body.length) {
      this.broken = true;
      return 0;
    }
    return this.body[this.at++];
  }

  u16(): number {
    return (this.byte() << 8) | this.byte();
  }

  /** A Variable Byte Integer (MQTT 5 property lengths). */
  varint(): number {
    let value = 0;
    for (let i = 0; i < 4; i++) {
      const b = this.byte();
      value += (b & 0x7f) * 128 ** i;
      if ((b & 0x80) === 0) return value;
    }
    this.broken = true;
    return 0;
  }

  /** A length-prefixed UTF-8 string, checked; `field` names it when it is not one. */
  string(field: string): void {
    const n = this.u16();
    if (this.broken || this.at + n > this.body.length) {
      this.broken = true;
      return;
    }
    if (this.bad === null && !mqttString(this.body.subarray(this.at, this.at + n))) this.bad = field;
    this.at += n;
  }

  /** Length-prefixed binary data (passwords, will payloads). */
  binary(): void {
    this.skip(this.u16());
  }
}

/** The first ill-formed string of a CONNECT body, or null; also its protocol level. */
function checkConnect(body: Buffer): { bad: string | null; level: number } {
  const r = new BodyReader(body);
  r.string('protocol name');
  const level = r.byte();
  const flags = r.byte();
  r.skip(2); // keep alive
  if (level === 5) r.skip(r.varint());
  r.string('client identifier');
  if (flags & 0x04) {
    if (level === 5) r.skip(r.varint());
    r.string('will topic');
    r.binary();
  }
  if (flags & 0x80) r.string('user name');
  return { bad: r.broken ? null : r.bad, level };
}

/** The first ill-formed topic filter of a SUBSCRIBE (`withOptions`) or UNSUBSCRIBE body, or null. */
function checkFilters(body: Buffer, withOptions: boolean, level: number): string | null {
  const r = new BodyReader(body);
  r.skip(2); // packet identifier
  if (level === 5) r.skip(r.varint());
  while (!r.done && !r.broken && r.bad === null) {
    r.string('topic filter');
    if (withOptions) r.skip(1);
  }
  return r.broken ? null : r.bad;
}

export class PacketGuard {
  /** The fixed header being read: the type byte, then Remaining Length bytes. */
  private fixed: number[] = [];
  /** Body bytes of the current packet still to come; -1 while its fixed header is read. */
  private bodyLeft = -1;
  private type = 0;
  /** The current packet held back for a check, and how many body bytes the check needs. */
  private held: Buffer[] | null = null;
  private heldBody = 0;
  private need = 0;
  /** The protocol level of this connection's CONNECT. */
  private level = 4;
  /** The held PUBLISH's topic length has been read (`need` covers the topic). */
  private topicKnown = false;

  private readonly maxPacketSize: number;

  constructor(maxPacketSize: number) {
    this.maxPacketSize = maxPacketSize;
  }

  feed(chunk: Buffer): GuardResult {
    const out: Buffer[] = [];
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft < 0) {
        const v = this.headerByte(chunk[i++], out);
        if (v !== null) return { out, violation: v };
        continue;
      }
      const take = Math.min(this.bodyLeft, chunk.length - i);
      const slice = chunk.subarray(i, i + take);
      i += take;
      this.bodyLeft -= take;
      if (this.held === null) out.push(slice);
      else {
        this.held.push(slice);
        this.heldBody += take;
        const v = this.check(out);
        if (v !== null) return { out, violation: v };
      }
      if (this.bodyLeft === 0) this.bodyLeft = -1;
    }
    return { out, violation: null };
  }

  private headerByte(b: number, out: Buffer[]): GuardViolation | null {
    this.fixed.push(b);
    if (this.fixed.length === 1 || b & 0x80) {
      // A Remaining Length has at most four bytes.
      return this.fixed.length === 5 ? { kind: 'malformed-length' } : null;
    }
    let remaining = 0;
    for (let k = 1; k < this.fixed.length; k++) remaining += (this.fixed[k] & 0x7f) * 128 ** (k - 1);
    const header = Buffer.from(this.fixed);
    this.fixed = [];
    this.type = header[0] >> 4;
    const size = header.length + remaining;
    if (size > this.maxPacketSize)
      return { kind: 'too-large', type: this.type, size, max: this.maxPacketSize };
    this.need =
      this.type === CONNECT || this.type === SUBSCRIBE || this.type === UNSUBSCRIBE
        ? remaining
        : this.type === PUBLISH && remaining >= 2
          ? 2
          : 0;
    this.topicKnown = false;
    this.bodyLeft = remaining;
    if (this.need === 0) {
      out.push(header);
      if (remaining === 0) this.bodyLeft = -1;
      return null;
    }
    this.held = [header];
    this.heldBody = 0;
    return null;
  }

  /** Checks the held packet once enough of it has come; releases it into `out` when it passes. */
  private check(out: Buffer[]): GuardViolation | null {
    while (this.held !== null && this.heldBody >= this.need) {
      const packet = Buffer.concat(this.held);
      const body = packet.subarray(packet.length - this.heldBody);
      let bad: string | null = null;
      if (this.type === CONNECT) {
        const c = checkConnect(body);
        this.level = c.level;
        bad = c.bad;
      } else if (this.type === SUBSCRIBE || this.type === UNSUBSCRIBE) {
        bad = checkFilters(body, this.type === SUBSCRIBE, this.level);
      } else if (!this.topicKnown) {
        // A PUBLISH: first its topic's length, then the topic itself (an empty or overlong one is
        // aedes's to refuse).
        this.topicKnown = true;
        const topicEnd = 2 + ((body[0] << 8) | body[1]);
        if (topicEnd > 2 && topicEnd <= this.heldBody + this.bodyLeft) {
          this.need = topicEnd;
          this.held = [packet];
          continue;
        }
      } else {
        bad = mqttString(body.subarray(2, this.need)) ? null : 'topic name';
      }
      if (bad !== null) return { kind: 'bad-string', field: bad };
      out.push(packet);
      this.held = null;
    }
    return null;
  }
}
