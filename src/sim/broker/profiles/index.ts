import type { BrokerProfileName } from '../../../scenario/types';
import type { Random } from '../../engine/random';
import { activemqProfile } from './activemq';
import { aedesProfile } from './aedes';
import { ejabberdProfile } from './ejabberd';
import { emqxProfile } from './emqx';
import { hivemqProfile } from './hivemq';
import { mosquittoProfile } from './mosquitto';
import type { BrokerProfile } from './profile';
import { rabbitmqProfile } from './rabbitmq';
import { specProfile } from './spec';

export type { BrokerProfile, TakeoverContext } from './profile';

/** The profile of a run; profiles with a random phase draw it from the run's generator. */
export function createProfile(name: BrokerProfileName, random: Random): BrokerProfile {
  switch (name) {
    case 'spec':
      return specProfile;
    case 'mosquitto-2.0':
      return mosquittoProfile(Math.floor(random.between(0, 6000)), Math.floor(random.between(0, 1000)));
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
