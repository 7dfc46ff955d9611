import {
  acceptAll,
  configuredServerKeepAlive,
  MQTT5_ONLY_CODES,
  noCap,
  standardTakeoverWill,
  standardWillDelay,
  v5Only,
  resumedSessionPresent,
  neverAfterDisconnect,
  type BrokerProfile,
  noTie,
} from './profile';

/**
 * EMQX: a per-connection timer ticks every clamp(K/2, 1 s, 30 s) from CONNECT and times the client
 * out at the first tick when it has been idle ≥ ⌈1.5 K⌉ s: 1.5 K to 1.5 K + tick after the last packet.
 */
export const emqxProfile: BrokerProfile = {
  name: 'emqx',
  refusal: acceptAll,
  keepAliveDeadline: (keepAlive, connectedAt, lastReceived) => {
    if (keepAlive === 0) return Infinity;
    const tick = Math.min(30_000, Math.max(1000, keepAlive * 500));
    const idleLimit = lastReceived + Math.ceil(keepAlive * 1.5) * 1000;
    return connectedAt + Math.max(1, Math.ceil((idleLimit - connectedAt) / tick)) * tick;
  },
  keepAliveTieMs: noTie,
  timeoutReasonCode: v5Only(MQTT5_ONLY_CODES.keepAliveTimeout),
  takeoverReasonCode: v5Only(MQTT5_ONLY_CODES.sessionTakenOver),
  // v3: always published (no delay exists); v5: unless the new connection resumes and W > 0.
  takeoverPublishesWill: standardTakeoverWill,
  willPublishDelay: standardWillDelay,
  serverKeepAlive: configuredServerKeepAlive,
  grantedSessionExpiry: noCap,
  willOnNormalDisconnect: neverAfterDisconnect,
  sessionPresent: resumedSessionPresent,
};
