import { closeOnly, noCap, neverAfterDisconnect, type BrokerProfile } from './profile';

/**
 * ActiveMQ 5.17: one timer checks first K after CONNECT, then every K/2; a check that sees new bytes
 * stamps its own time as last activity, and the client is closed when that stamp is 1.5 K old:
 * 1.5 K to 2 K after the last byte (2.5 K when silent since CONNECT). Never publishes the old will
 * on take-over; CONNACK session present is always 0. MQTT 3.1.1 only (a bare v5 CONNECT gets
 * CONNACK 1, one with a will or properties no CONNACK).
 */
export const activemqProfile: BrokerProfile = {
  name: 'activemq-5.17',
  // It reads a 5.0 CONNECT as a 3.1.1 one: with no properties, will or login that parses, and the
  // version is refused with CONNACK 1; otherwise the bytes after the keep alive make no sense and the
  // connection is closed without a CONNACK (measured).
  refusal: ({ protocol, will, properties }) =>
    protocol !== 5 ? null : will || properties ? 'close' : 'connack',
  keepAliveDeadline: (keepAlive, connectedAt, lastReceived) => {
    if (keepAlive === 0) return Infinity;
    const first = connectedAt + keepAlive * 1000;
    const every = keepAlive * 500;
    const stamp = first + Math.max(0, Math.ceil((lastReceived - first) / every)) * every;
    return stamp + keepAlive * 1500;
  },
  // Its deadline (a stamp + 1.5 K) is always one of its K/2 checks: measured closing there mostly,
  // sometimes one check later (K = 2 s: 3.98 s or 4.87 s after a ping).
  keepAliveTieMs: (keepAlive) => keepAlive * 500,
  timeoutReasonCode: closeOnly,
  takeoverReasonCode: closeOnly,
  takeoverPublishesWill: () => false,
  willPublishDelay: () => 0,
  serverKeepAlive: () => null,
  grantedSessionExpiry: noCap,
  // CONNACK session present is always 0, even when the session resumes.
  willOnNormalDisconnect: neverAfterDisconnect,
  sessionPresent: () => false,
};
