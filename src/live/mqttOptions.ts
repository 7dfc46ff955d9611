// A live client's options as mqtt.js takes them. mqtt.js's own reconnect is off (the owner decides
// when to connect again) and it never resubscribes or queues QoS 0 on its own.
import type { IClientOptions } from 'mqtt';
import type { LiveClientOptions } from './options';

/** Payload bytes for mqtt-packet's writer: a Buffer in Node (it wants one), the bytes in the page. */
export function wireBytes(bytes: Uint8Array): Buffer {
  const B = (globalThis as { Buffer?: { from(b: Uint8Array): Buffer } }).Buffer;
  return B ? B.from(bytes) : (bytes as unknown as Buffer);
}

export function mqttClientOptions(options: LiveClientOptions): IClientOptions {
  const will = options.will;
  const v5 = options.protocol === 5;
  const properties = {
    ...(v5 && options.sessionExpiry !== undefined ? { sessionExpiryInterval: options.sessionExpiry } : {}),
    ...(v5 && options.userProperties !== undefined ? { userProperties: options.userProperties } : {}),
  };
  return {
    clientId: options.clientId,
    protocolVersion: options.protocol,
    keepalive: options.keepAlive,
    clean: options.cleanStart,
    reconnectPeriod: 0,
    // The traced client's own timer gives the clearer error; mqtt.js's stays as a backstop.
    connectTimeout: (options.connectTimeoutMs ?? 10000) + 5000,
    resubscribe: false,
    manualConnect: true,
    queueQoSZero: false,
    ...(options.username !== undefined ? { username: options.username } : {}),
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
    ...(will
      ? {
          will: {
            topic: will.topic,
            payload: new TextEncoder().encode(will.payload) as unknown as Buffer,
            qos: will.qos,
            retain: will.retain,
            ...(v5 && will.delay ? { properties: { willDelayInterval: will.delay } } : {}),
          },
        }
      : {}),
  };
}
