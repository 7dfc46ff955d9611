// Eclipse Paho's Python client 1.6 (Debian's python3-paho-mqtt; read in its client.py): its network
// loop waits in select() for at most 1 s, and after every wake-up (a packet in or out, or the
// timeout) checks keep alive. It pings when K has passed since the last packet sent *or* since the
// last one received, so unlike the standard a client publishing at QoS 0, which hears nothing back,
// pings as if it were idle; with a PINGREQ outstanding it gives up at the first check K after it.

import { packetTable, type ClientLibrary } from './library';

export const pahoPythonLibrary: ClientLibrary = {
  name: 'paho-python',
  checkStepMs: 1000,
  restartsOnReceive: packetTable([]),
  pingDue: (keepAliveMs, lastSent, lastReceived, _timerBase, pingSentAt) =>
    pingSentAt >= 0 ? Infinity : Math.min(lastSent, lastReceived) + keepAliveMs,
  giveUpAt: (keepAliveMs, pingSentAt) => (pingSentAt < 0 ? Infinity : pingSentAt + keepAliveMs),
};
