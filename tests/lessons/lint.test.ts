import { describe, expect, it } from 'vitest';
import { typedNumbers } from '../../src/lessons/lint';

describe('typedNumbers', () => {
  it('finds numbers typed into text', () => {
    expect(typedNumbers('The broker waits 15 s, or 1.5 times 10.')).toEqual(['15', '1.5', '10.']);
    expect(typedNumbers('After 90s the will goes out.')).toEqual(['90s']);
  });

  it('ignores numbers inside refs', () => {
    expect(
      typedNumbers('After {timeout:broker.sensor-1.afterLastPacketS} s, {packet:CONNECT.x#2.atS}.'),
    ).toEqual([]);
  });

  it('allows the standard’s own vocabulary', () => {
    expect(
      typedNumbers(
        'MQTT 3.1.1 and MQTT 5 say 1.5 × K [MQTT-3.1.2-24]; QoS 0, QoS 1 and QoS 2; 0x8E; Clean Start 0, ' +
          'clean session 1; K = 0 turns it off.',
      ),
    ).toEqual([]);
  });

  it('allows the lesson’s names, longest first', () => {
    expect(
      typedNumbers('sensor-1 and sensor-10 on sensors/sensor-10/status', ['sensor-1', 'sensor-10']),
    ).toEqual([]);
    expect(typedNumbers('Mosquitto 2.0 and RabbitMQ 3.10 differ.')).toEqual([]);
    expect(typedNumbers('sensor-2 is not in the cast', ['sensor-1'])).toEqual(['sensor-2']);
  });
});
