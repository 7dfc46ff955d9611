/* global process, setInterval, clearInterval */
// A publisher in its own thread (node:worker_threads), so that a test's event loop stays free while it
// floods: publishes `rate` QoS 0 messages per second on `topic` for `seconds` over TCP, paced by the
// clock, then disconnects and reports how many it sent.
import { parentPort, workerData } from 'node:worker_threads';
import mqtt from 'mqtt';

const { url, topic, rate, seconds } = workerData;
const client = await mqtt.connectAsync(url, {
  clientId: `flood-${process.pid}-${Date.now()}`,
  reconnectPeriod: 0,
});
const total = rate * seconds;
let sent = 0;
const start = Date.now();
await new Promise((resolve) => {
  const tick = setInterval(() => {
    const due = Math.min(total, Math.floor(((Date.now() - start) / 1000) * rate));
    while (sent < due) client.publish(topic, `m${sent++}`, { qos: 0 });
    if (sent >= total) {
      clearInterval(tick);
      resolve();
    }
  }, 5);
});
const elapsed = (Date.now() - start) / 1000;
await client.endAsync();
parentPort.postMessage({ sent, elapsed });
