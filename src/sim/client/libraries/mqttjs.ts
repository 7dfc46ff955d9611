// mqtt.js 5 (read in its KeepaliveManager and client, 5.16): the manager is created when the CONNACK
// arrives. Its interval ticks every ⌈K/2⌉ ms; the second tick sends PINGREQ, the third gives up. Only
// received acknowledgements (PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK) and PINGRESP
// restart it, never a packet it sends and never a PUBLISH it receives: a client publishing at QoS 0
// still pings every K, and each ping goes out K after the previous PINGRESP arrived, not after the
// previous PINGREQ.

import { CONNACK, PINGRESP, PUBACK, PUBCOMP, PUBREC, PUBREL, SUBACK, UNSUBACK } from '../../packets';
import { packetTable, type ClientLibrary } from './library';

// CONNACK: the manager is created then, its first interval starting at that moment.
const RESTARTS = packetTable([CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, PINGRESP]);

const tick = (keepAliveMs: number): number => Math.ceil(keepAliveMs / 2);

export const mqttjsLibrary: ClientLibrary = {
  name: 'mqttjs-5',
  checkStepMs: 0,
  restartsOnReceive: RESTARTS,
  // One PINGREQ per restart of the timer: after it, the next tick gives up.
  pingDue: (keepAliveMs, _sent, _received, timerBase, pingSentAt) =>
    pingSentAt >= timerBase ? Infinity : timerBase + 2 * tick(keepAliveMs),
  giveUpAt: (keepAliveMs, pingSentAt, timerBase) =>
    pingSentAt < 0 || pingSentAt < timerBase ? Infinity : timerBase + 3 * tick(keepAliveMs),
};
