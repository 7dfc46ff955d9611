import { closeOnly, noCap, noTie, neverAfterDisconnect, type BrokerProfile } from './profile';

/**
 * aedes: a timer of K × 1500 + 1 ms reset by every packet; closes the socket only; always publishes
 * the old will on take-over; MQTT 3.1.1 only (a v5 CONNECT is refused).
 */
export const aedesProfile: BrokerProfile = {
  name: 'aedes',
  refusal: ({ protocol }) => (protocol === 5 ? 'connack' : null),
  keepAliveDeadline: (keepAlive, _connectedAt, lastReceived) =>
    keepAlive === 0 ? Infinity : lastReceived + keepAlive * 1500 + 1,
  keepAliveTieMs: noTie,
  timeoutReasonCode: closeOnly,
  takeoverReasonCode: closeOnly,
  takeoverPublishesWill: () => true,
  willPublishDelay: () => 0,
  serverKeepAlive: () => null,
  grantedSessionExpiry: noCap,
  // aedes answers session present 1 only when the stored session has subscriptions (found by
  // `npm run compare` against a real aedes).
  willOnNormalDisconnect: neverAfterDisconnect,
  sessionPresent: (s) => s.resumed && s.highestSubscriptionQos !== null,
};
