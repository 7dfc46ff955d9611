import {
  acceptAll,
  MQTT5_ONLY_CODES,
  standardTakeoverWill,
  standardWillDelay,
  v5Only,
  resumedSessionPresent,
  neverAfterDisconnect,
  type BrokerProfile,
  noTie,
} from './profile';

const MAX_SESSION_EXPIRY = 300;

/**
 * ejabberd 23: a per-connection timer of round(1.5 K) whole seconds reset by every packet; v5 gets
 * DISCONNECT 0x8D "Idle connection". CONNACK echoes the client's K as Server Keep Alive and caps
 * Session Expiry at 300 s. Wills on take-over follow the standard.
 */
export const ejabberdProfile: BrokerProfile = {
  name: 'ejabberd-23',
  refusal: acceptAll,
  keepAliveDeadline: (keepAlive, _connectedAt, lastReceived) =>
    keepAlive === 0 ? Infinity : lastReceived + Math.round(keepAlive * 1.5) * 1000,
  keepAliveTieMs: noTie,
  timeoutReasonCode: v5Only(MQTT5_ONLY_CODES.keepAliveTimeout),
  takeoverReasonCode: v5Only(MQTT5_ONLY_CODES.sessionTakenOver),
  takeoverPublishesWill: standardTakeoverWill,
  willPublishDelay: standardWillDelay,
  serverKeepAlive: (clientKeepAlive) => clientKeepAlive,
  grantedSessionExpiry: (requested) => Math.min(requested, MAX_SESSION_EXPIRY),
  willOnNormalDisconnect: neverAfterDisconnect,
  sessionPresent: resumedSessionPresent,
};
