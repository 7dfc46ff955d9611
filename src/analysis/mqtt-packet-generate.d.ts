// mqtt-packet's encoder on its own (the package ships types for its index only).
declare module 'mqtt-packet/generate.js' {
  import type { Packet } from 'mqtt-packet';
  function generate(packet: Packet, opts?: { protocolVersion?: number }): Uint8Array;
  export default generate;
}
