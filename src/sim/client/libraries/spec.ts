// The standard's client and nothing more: a PINGREQ exactly K after the last packet it sent
// [MQTT-3.1.2-23], whatever it received; it gives up ⌈K/2⌉ after a PINGREQ without answer.

import { packetTable, type ClientLibrary } from './library';

export const specLibrary: ClientLibrary = {
  name: 'spec',
  checkStepMs: 0,
  restartsOnReceive: packetTable([]),
  pingDue: (keepAliveMs, lastSent) => lastSent + keepAliveMs,
  giveUpAt: (keepAliveMs, pingSentAt) =>
    pingSentAt < 0 ? Infinity : pingSentAt + Math.ceil(keepAliveMs / 2),
};
