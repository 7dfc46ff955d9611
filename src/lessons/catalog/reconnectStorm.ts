import type { Lesson } from '../types';

export const reconnectStorm: Lesson = {
  lesson: 1,
  id: 'reconnect-storm',
  title: 'Reconnect storms and jitter',
  summary: 'When a broker restarts, a fleet comes back all at once unless its back-off has jitter.',
  scenario: {
    scenario: 1,
    name: 'Reconnect storm',
    description:
      'Thirty devices lose the broker when it restarts at 30 s and stays down for 10 s. Each reconnects with a ' +
      'back-off from 1 s doubling to 30 s, shortened at random by up to half (jitter 0.5).',
    seed: 8,
    durationMs: 120_000,
    protocol: 4,
    network: { latencyMs: 30, jitterMs: 10 },
    clients: [
      {
        id: 'device-{n}',
        count: 30,
        keepAlive: 30,
        reconnect: { minMs: 1_000, maxMs: 30_000, jitter: 0.5 },
      },
    ],
    events: [{ atMs: 30_000, do: 'broker-restart', downMs: 10_000 }],
  },
  profiles: ['spec', 'mosquitto-2.0', 'emqx'],
  // The standard's client: pings exactly K after its last packet, so the numbers are the standard's.
  library: 'spec',
  steps: [
    {
      title: 'The broker restarts',
      at: 'fault:broker-restart.broker',
      predict: {
        question:
          'Every device loses its connection at the same instant. Each waits before it tries again, doubles the wait ' +
          'after every failed try, and shortens each wait by a random amount, its jitter. When the broker is back, ' +
          'do they all arrive together?',
        choices: ['Yes, all in the same moment', 'No, they come back spread out', 'They never come back'],
        answer: 1,
        why:
          'The random amount differs from device to device and from try to try, so devices that failed together ' +
          'drift apart with every try.',
      },
      text:
        'At {fault:broker-restart.broker.atS} s the broker restarts. It closes all ' +
        '{conn:closed:broker:server-shutdown.*.count} connections at once, and for a while nobody can connect.',
      spec: [],
      check: {
        claim: 'the restart closes every connection at once',
        expect:
          '{conn:closed:broker:server-shutdown.*.count} == 30 and ' +
          '{conn:closed:broker:server-shutdown.*#last.atS} == {fault:broker-restart.broker.atS}',
      },
    },
    {
      title: 'Knocking on a closed door',
      at: 'packet:CONNECT.device-1#2',
      highlight: { lanes: ['device-1'] },
      text:
        'device-1 tries again {packet:CONNECT.device-1#2.sinceFaultS} s after the restart, but the broker is still ' +
        'down: its CONNECT gets no answer and the attempt fails. It waits longer after each failure before it tries ' +
        'again, and so does every device: while the broker is down, {packet:CONNECT:lost.*.count} CONNECTs from the ' +
        'fleet go unanswered.',
      spec: [],
      check: [
        {
          claim: 'device-1’s attempt while the broker is down gets no answer',
          expect:
            '{packet:CONNECT.device-1#2.lost} == 1 and ' +
            '{packet:CONNECT.device-1#2.atS} < {conn:open:broker.*#31.atS}',
        },
        {
          claim: 'device-1 waits longer after each failure',
          expect:
            '{packet:CONNECT.device-1#3.sincePreviousS} > {packet:CONNECT.device-1#2.sinceFaultS} and ' +
            '{packet:CONNECT.device-1#4.sincePreviousS} > {packet:CONNECT.device-1#3.sincePreviousS}',
        },
        {
          claim: 'every unanswered CONNECT was sent while the broker was down',
          expect:
            '{packet:CONNECT:lost.*.count} >= 30 and ' +
            '{packet:CONNECT:lost.*.atS} > {fault:broker-restart.broker.atS} and ' +
            '{packet:CONNECT:lost.*#last.atS} < {conn:open:broker.*#31.atS}',
        },
      ],
    },
    {
      title: 'The first ones back',
      at: 'conn:open:broker.*#31',
      text:
        'Once the broker is up again, the first device gets in {conn:open:broker.*#31.sinceFaultS} s after the ' +
        'restart. The others are still waiting out back-offs of different lengths.',
      spec: [],
      check: {
        claim: 'the first device is back once the broker is up',
        expect: '{conn:open:broker.*#31.sinceFaultS} >= 10',
      },
    },
    {
      title: 'Spread out by jitter',
      at: 'conn:open:broker.*#last',
      text:
        'The last device gets in {conn:open:broker.*#last.sinceFaultS} s after the restart: the jitter spread the ' +
        'fleet’s return over several seconds, so the broker never faced all of them in one instant.',
      spec: [],
      whatIf: {
        label: 'No jitter',
        set: { 'clients[0].reconnect.jitter': 0 },
        text:
          'Without jitter every device waits exactly as long as the others: the first gets in ' +
          '{conn:open:broker.*#31.sinceFaultS} s after the restart and the last {conn:open:broker.*#last.sinceFaultS} s ' +
          'after, all in one burst. With thousands of devices, such a burst can knock the broker over again.',
        check: {
          claim: 'without jitter the whole fleet returns within half a second',
          expect: '{conn:open:broker.*#last.atS} - {conn:open:broker.*#31.atS} < 0.5',
        },
      },
      check: {
        claim: 'with jitter the fleet returns over several seconds',
        expect: '{conn:open:broker.*#last.atS} - {conn:open:broker.*#31.atS} > 3',
      },
    },
  ],
};
