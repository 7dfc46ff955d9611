// The kinds of simulation event. An event is (time, kind, a, b) in the engine's typed-array queue;
// the comment of each kind says what a and b carry. The queue packs a kind into 5 bits and a into the
// other 27 of one word (engine/eventQueue.ts): kinds stay below 32, and a is 0 … 2^27 − 1.

/** a: wire ticket of a packet reaching the broker, b: its connection. */
export const ARRIVE_AT_BROKER = 1;
/** a: wire ticket of a packet reaching a client, b: its connection. */
export const ARRIVE_AT_CLIENT = 2;
/** a: connection whose client end closed (FIN/RST) reaching the broker. */
export const CLOSE_AT_BROKER = 3;
/** a: connection whose broker end closed reaching the client. */
export const CLOSE_AT_CLIENT = 4;
/** a: connection; the client's keep-alive timer (lazily re-armed). */
export const PING_DUE = 5;
/** a: connection; the PINGRESP wait of the client ran out if the ping is still outstanding. */
export const PINGRESP_DUE = 6;
/** a: connection; no CONNACK yet means the attempt failed. */
export const CONNACK_DUE = 7;
/** a: connection; the client's periodic publish. */
export const PUBLISH_DUE = 8;
/** a: device, b: device generation; a backoff ran out. */
export const RECONNECT_DUE = 9;
/** a: connection; the broker's keep-alive deadline (lazily re-armed). */
export const KEEPALIVE_DUE = 10;
/** a: session, b: session generation; a delayed will is due. */
export const WILL_DUE = 11;
/** a: session, b: session generation; the session expires. */
export const SESSION_EXPIRY_DUE = 12;
/** a: index into the run's scenario events. */
export const SCENARIO_EVENT = 13;
/** The broker is back after a restart. */
export const BROKER_UP = 14;
/** a: device, b: device generation; the device's first connect. */
export const CONNECT_DUE = 15;
