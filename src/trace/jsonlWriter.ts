// Streams a trace out as it is produced (the CLI's `--out`), holding no event: each event becomes
// one canonical line, handed to `write` with its "\n".
import { formatEvent, formatHeader } from './format';
import { packetEvent } from './packetEvent';
import type { Direction, NonPacketEvent, PacketDetail, PacketType, TraceHeader, TraceSink } from './types';

export class JsonlSink implements TraceSink {
  readonly wantsDetail = true;

  /**
   * Writes the header line at once. Every `write` call gets one whole line ending in "\n"; their
   * concatenation equals `formatTrace(header, events)`, byte for byte.
   */
  constructor(
    header: TraceHeader,
    private readonly write: (line: string) => void,
  ) {
    write(formatHeader(header) + '\n');
  }

  packet(
    t: number,
    dir: Direction,
    client: string,
    conn: number,
    type: PacketType,
    arrive: number | null,
    detail: PacketDetail | null,
  ): void {
    this.write(formatEvent(packetEvent(t, dir, client, conn, type, arrive, detail)) + '\n');
  }

  event(e: NonPacketEvent): void {
    this.write(formatEvent(e) + '\n');
  }
}
