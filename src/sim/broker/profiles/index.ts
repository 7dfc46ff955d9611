import type { BrokerProfileName } from '../../../scenario/types';
import type { Random } from '../../engine/random';
import { activemqProfile } from './activemq';
import { aedesProfile } from './aedes';
import { ejabberdProfile } from './ejabberd';
import { emqxProfile } from './emqx';
import { hivemqProfile } from './hivemq';
import { mosquittoProfile, mosquittoSweepPhase } from './mosquitto';
import type { BrokerProfile } from './profile';
import { rabbitmqProfile } from './rabbitmq';
import { specProfile } from './spec';

export type { BrokerProfile, ConnectShape, StoredSession, TakeoverContext } from './profile';

export { MOSQUITTO_SWEEP_MS, mosquittoSweepPhase } from './mosquitto';

/** The profile of a run; profiles with a random phase draw it from the run's generator. */
export function createProfile(name: BrokerProfileName, random: Random): BrokerProfile {
  if (name === 'mosquitto-2.0') {
    // Mosquitto sweeps when its whole-second clock reaches the sweep second (one of every six);
    // the clock's sub-second offset against the trace's is arbitrary.
    const sweepSecond = Math.floor(random.between(0, 6));
    const clockOffsetMs = Math.floor(random.between(0, 1000));
    return mosquittoProfile(mosquittoSweepPhase(sweepSecond, clockOffsetMs), clockOffsetMs);
  }
  return phasedProfile(name, 0, 0);
}

/**
 * A profile with its phase given rather than drawn: Mosquitto's sweep phase and the wall clock's
 * sub-second offset (ms); the other profiles have no phase and ignore both.
 */
export function phasedProfile(
  name: BrokerProfileName,
  sweepPhaseMs: number,
  wallOffsetMs: number,
): BrokerProfile {
  switch (name) {
    case 'spec':
      return specProfile;
    case 'mosquitto-2.0':
      return mosquittoProfile(sweepPhaseMs, wallOffsetMs);
    case 'emqx':
      return emqxProfile;
    case 'hivemq':
      return hivemqProfile;
    case 'aedes':
      return aedesProfile;
    case 'rabbitmq-3.10':
      return rabbitmqProfile;
    case 'activemq-5.17':
      return activemqProfile;
    case 'ejabberd-23':
      return ejabberdProfile;
  }
}
