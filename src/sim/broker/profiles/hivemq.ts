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

const BATCH_MS = 100;

/**
 * HiveMQ: a per-connection timer of ⌊1.5 K⌋ s (at least 1 s) from the last packet; disconnects are
 * processed in 100 ms batches. Wills: at once when W = 0 or Session Expiry = 0, else held for
 * min(W, Session Expiry); Clean Start 1 publishes a held will now, Clean Start 0 cancels it.
 */
export const hivemqProfile: BrokerProfile = {
  name: 'hivemq',
  refusal: acceptAll,
  keepAliveDeadline: (keepAlive, _connectedAt, lastReceived) => {
    if (keepAlive === 0) return Infinity;
    const timer = Math.max(1, Math.floor(keepAlive * 1.5)) * 1000;
    return Math.ceil((lastReceived + timer) / BATCH_MS) * BATCH_MS;
  },
  keepAliveTieMs: noTie,
  timeoutReasonCode: v5Only(MQTT5_ONLY_CODES.keepAliveTimeout),
  takeoverReasonCode: v5Only(MQTT5_ONLY_CODES.sessionTakenOver),
  takeoverPublishesWill: standardTakeoverWill,
  willPublishDelay: standardWillDelay,
  serverKeepAlive: configuredServerKeepAlive,
  grantedSessionExpiry: noCap,
  willOnNormalDisconnect: neverAfterDisconnect,
  sessionPresent: resumedSessionPresent,
};
