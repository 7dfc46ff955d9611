// The rules both gates share (the Node stream gate, gate.ts, and the page's WebSocket gate,
// browser/wsGate.ts — gate.ts explains the modes): what passes, and what a close by either end means
// in each mode. It is the GateControl the device logic acts on; the gates only wire its decisions
// to their own socket surfaces.
import type { GateControl, GateHooks, GateMode } from './link';

export class GateState implements GateControl {
  private mode: GateMode = 'open';
  /** The runner (mqtt.js or an action) closed the real socket. */
  closingByUs = false;
  /** The real socket is closed. */
  private rawClosed = false;
  /** The broker closed the real socket while the link was down: the client hears it on its next write. */
  private closedUnheard = false;

  constructor(
    private readonly hooks: Pick<GateHooks, 'onPeerClose'>,
    /** Closes the real socket (the gate's own). */
    private readonly closeRaw: () => void,
  ) {}

  get state(): GateMode {
    return this.mode;
  }

  /** Whether what the client writes now reaches the broker. */
  get passes(): boolean {
    return this.mode === 'open' && !this.rawClosed && !this.closedUnheard;
  }

  /** Whether what the broker sends now reaches the client (else it is dropped, whole packets). */
  get delivers(): boolean {
    return this.mode === 'open';
  }

  linkDown(): void {
    if (this.mode === 'open') this.mode = 'link-down';
  }

  linkUp(): void {
    if (this.mode === 'link-down') this.mode = 'open';
  }

  /** The device is gone: stop sending and reading, keep the real socket open. */
  kill(): void {
    this.mode = 'dead';
  }

  /** Closes the real socket at once (the end of a run), whatever the mode. */
  destroyRaw(): void {
    this.closingByUs = true;
    this.closeRaw();
  }

  /**
   * The client writes: true when this write is where it hears the broker's close that came while the
   * link was down (after link-up the first packet meets it, as a real client would get an RST).
   */
  takeUnheardClose(): boolean {
    if (!this.closedUnheard || this.mode !== 'open') return false;
    this.closedUnheard = false;
    return true;
  }

  /**
   * The client closes its connection: true when the real socket should close too (the link is up).
   * A close sent into a dead link is lost: the real socket stays open at the broker, and the device
   * is as good as dead.
   */
  clientCloses(): boolean {
    if (this.mode === 'open' && !this.rawClosed) {
      this.closingByUs = true;
      return true;
    }
    if (this.mode === 'link-down') this.mode = 'dead';
    return false;
  }

  /**
   * The real socket closed: reports the broker's close (not the runner's) and returns whether the
   * client hears it now (the link is up); while the link is down it hears it on its next write.
   * `clientGone`: the client has closed its side already (nothing to tell it later).
   */
  rawClosing(clientGone = false): 'now' | 'later' | 'never' {
    if (this.rawClosed) return 'never';
    this.rawClosed = true;
    if (!this.closingByUs) this.hooks.onPeerClose();
    if (this.mode === 'open') return 'now';
    if (this.mode === 'link-down' && !clientGone) {
      this.closedUnheard = true;
      return 'later';
    }
    return 'never';
  }
}
