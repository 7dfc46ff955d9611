// Node's connector (link.ts): every connection a real socket to its target (target.ts: TCP, TLS or
// WebSocket), seen by mqtt.js through a stream gate (gate.ts); dropped packets decoded by mqtt-packet.
// The URL's user name and password go in CONNECT: a scenario client's own beat them; the runner's
// watcher (`plain`) always uses the URL's.
import type { Duplex } from 'node:stream';
import { MqttClient, type IClientOptions, type Packet } from 'mqtt';
import mqttPacket from 'mqtt-packet';
import { Gate } from './gate';
import type { Connector } from './link';
import { openSocket, type Target } from './target';

export function nodeConnector(target: Target): Connector {
  const login: IClientOptions = {
    ...(target.username !== null ? { username: target.username } : {}),
    ...(target.password !== null ? { password: Buffer.from(target.password) } : {}),
  };
  return {
    url: target.url,
    transport: target.transport,
    open(options, hooks) {
      const socket = openSocket(target);
      const gate = new Gate(socket.stream, hooks);
      const own = options.username !== undefined || options.password !== undefined;
      const client = new MqttClient(() => gate, { ...(own ? {} : login), ...options, manualConnect: true });
      return { client, gate: gate.control, onOpen: (l) => socket.onOpen(l) };
    },
    plain(options) {
      return new MqttClient(() => openSocket(target).stream as unknown as Duplex, {
        ...options,
        ...login,
        manualConnect: true,
      });
    },
    decoder(protocol) {
      const parser = mqttPacket.parser({ protocolVersion: protocol });
      let out: Packet | null = null;
      parser.on('packet', (p: Packet) => (out = p));
      parser.on('error', () => {
        // A frame the decoder cannot read stays out of the trace.
      });
      return (frame) => {
        out = null;
        parser.parse(Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength));
        return out;
      };
    },
  };
}
