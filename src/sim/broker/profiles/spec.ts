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

/** The standard applied exactly: closed after exactly 1.5 × K of silence [MQTT-3.1.2-24]/[MQTT-3.1.2-22]. */
export const specProfile: BrokerProfile = {
  name: 'spec',
  refusal: acceptAll,
  keepAliveDeadline: (keepAlive, _connectedAt, lastReceived) =>
    keepAlive === 0 ? Infinity : lastReceived + keepAlive * 1500,
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
