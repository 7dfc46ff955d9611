import { closeOnly, noCap, noTie, type BrokerProfile } from './profile';

/**
 * RabbitMQ 3.10: samples the bytes received every K s from CONNECT and closes after two unchanged
 * samples: 2 K to 3 K after the last byte (exactly 3 K for a client silent since CONNECT). Never
 * publishes the old will on take-over over TCP. MQTT 3.1/3.1.1 only: a v5 CONNECT gets no CONNACK. Session
 * present is 1 only for a resumed session with a QoS 1 (or 2) subscription, over TCP and Web MQTT alike.
 * Over Web MQTT it publishes the will even after a normal DISCONNECT, and on take-over.
 */
export const rabbitmqProfile: BrokerProfile = {
  name: 'rabbitmq-3.10',
  refusal: ({ protocol }) => (protocol === 5 ? 'close' : null),
  keepAliveDeadline: (keepAlive, connectedAt, lastReceived) => {
    if (keepAlive === 0) return Infinity;
    const period = keepAlive * 1000;
    // The first sample at or after the last byte sees it; two more unchanged samples close.
    const seen = connectedAt + Math.max(1, Math.ceil((lastReceived - connectedAt) / period)) * period;
    return seen + 2 * period;
  },
  keepAliveTieMs: noTie,
  timeoutReasonCode: closeOnly,
  takeoverReasonCode: closeOnly,
  // Over TCP the old will is dropped; Web MQTT publishes it (measured, clean and persistent sessions).
  takeoverPublishesWill: (ctx) => ctx.transport === 'ws',
  willPublishDelay: () => 0,
  serverKeepAlive: () => null,
  grantedSessionExpiry: noCap,
  // Web MQTT publishes the will even after a normal DISCONNECT (a RabbitMQ bug, measured 3 of 3 runs);
  // plain MQTT over TCP discards it.
  willOnNormalDisconnect: (transport) => transport === 'ws',
  // Measured on 3.10: a resumed session with no subscription, or QoS 0 ones only, gets session present 0.
  sessionPresent: (s) => s.resumed && s.highestSubscriptionQos !== null && s.highestSubscriptionQos > 0,
};
