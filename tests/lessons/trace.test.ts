import { describe, expect, it } from 'vitest';
import { LessonTraceError } from '../../src/lessons/errors';
import { LessonTrace } from '../../src/lessons/trace';
import { handTrace } from './helpers';

function traceError(run: () => unknown): LessonTraceError {
  try {
    run();
  } catch (err) {
    if (err instanceof LessonTraceError) return err;
    throw err;
  }
  throw new Error('no LessonTraceError');
}

describe('LessonTrace.value: fields of every kind', () => {
  const trace = handTrace();

  it('reads times in seconds', () => {
    expect(trace.value('{packet:PINGREQ.sensor.a.atS}')).toBe(10);
    expect(trace.value('packet:PINGREQ.sensor.a.atS')).toBe(10);
    expect(trace.value('{packet:CONNECT.sensor.a.arriveS}')).toBe(0.02);
    expect(trace.value('{packet:CONNECT.sensor.a.flightMs}')).toBe(20);
    expect(trace.value('{packet:DISCONNECT.sensor.a.flightMs}')).toBe(21.5);
  });

  it('counts matches, 0 when there are none', () => {
    expect(trace.value('{packet:c2b.sensor.a.count}')).toBe(3);
    expect(trace.value('{takeover.sensor.a.count}')).toBe(0);
    expect(trace.value('{packet:c2b.sensor.a#9.count}')).toBe(3);
  });

  it('measures a timeout from its last activity, anything else from the last arrival at the broker', () => {
    expect(trace.value('{timeout.sensor.a.afterLastPacketS}')).toBe(15);
    expect(trace.value('{will.sensor.a.afterLastPacketS}')).toBe(15);
    expect(trace.value('{fault:power-off.sensor.a.afterLastPacketS}')).toBe(1.98);
    expect(trace.value('{timeout.sensor.a.lastActivityS}')).toBe(10.02);
  });

  it('measures from the last fault on the client or on the broker, and from the previous match', () => {
    expect(trace.value('{will.sensor.a.sinceFaultS}')).toBe(13.02);
    expect(trace.value('{packet:CONNECT.sensor.a#2.sinceFaultS}')).toBe(1);
    expect(trace.value('{packet:CONNECT.sensor.a#2.sincePreviousS}')).toBe(31);
  });

  it('reads the keep alive of the timeout, of a CONNECT, or of the last CONNECT so far', () => {
    expect(trace.value('{timeout.sensor.a.keepAliveS}')).toBe(10);
    expect(trace.value('{packet:PINGREQ.sensor.a.keepAliveS}')).toBe(10);
    expect(trace.value('{packet:CONNECT.sensor.a#2.keepAliveS}')).toBe(30);
    expect(trace.value('{session.sensor.a.keepAliveS}')).toBe(30);
  });

  it('reads packet, will and session details', () => {
    expect(trace.value('{packet:PINGRESP.sensor.a.lost}')).toBe(1);
    expect(trace.value('{packet:PINGREQ.sensor.a.lost}')).toBe(0);
    expect(trace.value('{packet:CONNACK.sensor.a.sessionPresent}')).toBe(0);
    expect(trace.value('{packet:CONNACK.sensor.a.reasonCode}')).toBe(0);
    expect(trace.value('{will.sensor.a.delayS}')).toBe(0);
    expect(trace.value('{will.sensor.a.receivers}')).toBe(1);
    expect(trace.value('{will.sensor.a.qos}')).toBe(1);
    expect(trace.value('{session.sensor.a.queued}')).toBe(3);
    expect(trace.value('{timeout.sensor.a.conn}')).toBe(1);
  });

  it('reads text fields and numbers as hex', () => {
    expect(trace.value('{will.sensor.a.cause}')).toBe('keepalive-timeout');
    expect(trace.value('{conn.sensor.a.reason}')).toBe('keepalive-timeout');
    expect(trace.value('{packet:PINGREQ.sensor.a.type}')).toBe('PINGREQ');
    expect(trace.value('{fault.broker.client}')).toBe('broker');
    expect(trace.value('{packet:DISCONNECT.sensor.a.reasonCodeHex}')).toBe('0x8E');
    expect(trace.value('{packet:CONNACK.sensor.a.reasonCodeHex}')).toBe('0x00');
  });

  it('reads the current profile', () => {
    expect(trace.value('{profile.name}')).toBe('spec');
    expect(trace.value('{profile.title}')).toBe('a standard broker');
    expect(new LessonTrace([], 'mosquitto-2.0').value('{profile.title}')).toBe('Mosquitto 2.0');
  });

  it.each([
    ['{takeover.sensor.a.atS}', 'takeover.sensor.a', 'no takeover.sensor.a in the trace'],
    [
      '{packet:CONNECT.sensor.a#3.atS}',
      'packet:CONNECT.sensor.a#3',
      'no packet:CONNECT.sensor.a#3 in the trace (only 2 matches)',
    ],
    [
      '{packet:PINGRESP.sensor.a.arriveS}',
      'packet:PINGRESP.sensor.a',
      'packet:PINGRESP.sensor.a was lost (it has no arrival)',
    ],
    [
      '{packet:PINGREQ.sensor.a.reasonCode}',
      'packet:PINGREQ.sensor.a',
      'packet:PINGREQ.sensor.a has no reasonCode',
    ],
    [
      '{will.sensor.a.sincePreviousS}',
      'will.sensor.a',
      'will.sensor.a has no earlier match (sincePreviousS needs one)',
    ],
    [
      '{packet.sensor.a.sinceFaultS}',
      'packet.sensor.a',
      'packet.sensor.a has no fault on sensor.a before it',
    ],
    ['{fault.broker.afterLastPacketS}', 'fault.broker', 'fault.broker concerns no client'],
    [
      '{packet:CONNECT.sensor.a.afterLastPacketS}',
      'packet:CONNECT.sensor.a',
      'packet:CONNECT.sensor.a comes before any packet from sensor.a reached the broker',
    ],
  ])('%s fails naming the selector', (ref, selector, message) => {
    const err = traceError(() => trace.value(ref));
    expect(err.selector).toBe(selector);
    expect(err.message).toBe(message);
  });

  it('reads another profile’s trace for @profile refs, and only when it is given', () => {
    const other = new LessonTrace(handTrace().events.slice(0, 3), 'emqx');
    expect(trace.value('{@emqx:packet.sensor.a.count}', () => other)).toBe(3);
    expect(trace.value('{@spec:packet.sensor.a.count}')).toBe(6);
    expect(traceError(() => trace.value('{@emqx:packet.sensor.a.count}')).message).toBe(
      '{@emqx:packet.sensor.a.count} reads the emqx trace, which was not given',
    );
  });
});

describe('LessonTrace.fill', () => {
  const trace = handTrace();

  it('fills numbers with at most two decimals, and text as it is', () => {
    expect(trace.fill('Dropped {will.sensor.a.sinceFaultS} s after the cut ({will.sensor.a.cause}).')).toBe(
      'Dropped 13.02 s after the cut (keepalive-timeout).',
    );
    expect(trace.fill('{{literal}} and {packet:DISCONNECT.sensor.a.reasonCodeHex}')).toBe(
      '{literal} and 0x8E',
    );
  });

  it('fails on the first ref the trace lacks', () => {
    expect(() => trace.fill('At {takeover.sensor.a.atS} s.')).toThrow('no takeover.sensor.a in the trace');
  });
});

describe('LessonTrace.evaluate', () => {
  const trace = handTrace();

  it('holds, and says what it measured', () => {
    expect(
      trace.evaluate({
        claim: 'c',
        expect: '{timeout.sensor.a.afterLastPacketS} == 1.5 * {timeout.sensor.a.keepAliveS}',
      }),
    ).toEqual({
      ok: true,
      message: '{timeout.sensor.a.afterLastPacketS} = 15, {timeout.sensor.a.keepAliveS} = 10',
    });
  });

  it('fails with the measured values', () => {
    expect(trace.evaluate({ claim: 'c', expect: '{will.sensor.a.sinceFaultS} < 10' })).toEqual({
      ok: false,
      message: '{will.sensor.a.sinceFaultS} = 13.02',
    });
  });

  it('uses the current profile’s detection window', () => {
    expect(trace.evaluate({ claim: 'c', expect: 'detectLo(10) == 15 and detectHi(10) == 15' })).toEqual({
      ok: true,
      message: 'detectLo(10) = 15, detectHi(10) = 15',
    });
    const mosquitto = new LessonTrace([], 'mosquitto-2.0');
    expect(mosquitto.evaluate({ claim: 'c', expect: 'detectHi(10) == 21' }).ok).toBe(true);
  });

  it('fails, never throws, for a missing event or a keep alive of 0', () => {
    expect(trace.evaluate({ claim: 'c', expect: '{takeover.sensor.a.atS} > 0' })).toEqual({
      ok: false,
      message: 'no takeover.sensor.a in the trace',
    });
    expect(trace.evaluate({ claim: 'c', expect: 'detectHi(0) > 0' })).toEqual({
      ok: false,
      message: 'column 1: detectHi(0): keep alive 0 is off, so there is no detection window',
    });
  });
});

describe('stepAnchor and highlights', () => {
  const trace = handTrace();

  it('gives the anchor’s row and time', () => {
    expect(trace.stepAnchor({ at: 'will.sensor.a' })).toEqual({ row: 7, t: 25_020 });
    expect(() => trace.stepAnchor({ at: 'takeover.sensor.a' })).toThrow(LessonTraceError);
  });

  it('highlights the anchor and the events the trace has, each once', () => {
    expect(
      trace.highlights({
        at: 'will.sensor.a',
        highlight: {
          lanes: ['sensor.a'],
          events: ['timeout.sensor.a', 'will.sensor.a', 'takeover.sensor.a'],
        },
      }),
    ).toEqual({ lanes: ['sensor.a'], rows: [7, 5] });
  });
});

describe('LessonTrace.referencedRows', () => {
  const trace = handTrace();

  it('gives the row each ref of a text selects, once, and none for a count of all matches', () => {
    const first = trace.resolve('packet:PINGREQ.sensor.a')?.row;
    const rows = trace.referencedRows(
      'It pings at {packet:PINGREQ.sensor.a.atS} s ({packet:PINGREQ.sensor.a.keepAliveS} s after…), ' +
        '{packet:PINGREQ.sensor.a.count} times in all, on {profile.title}.',
    );
    expect(first).toBeDefined();
    expect(rows).toEqual([first]);
  });

  it('skips refs to events the trace does not have and refs read on another profile’s trace', () => {
    expect(trace.referencedRows('{will.nobody.count} {@mosquitto-2.0:packet:PINGREQ.sensor.a.atS}')).toEqual(
      [],
    );
  });
});
