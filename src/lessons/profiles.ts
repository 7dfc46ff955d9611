// Broker profiles as a lesson names them in its text: `{profile.name}` is the profile's name,
// `{profile.title}` the broker a student would recognise.

import { BROKER_PROFILES, type BrokerProfileName } from '../scenario/types';

export const PROFILE_TITLES: Readonly<Record<BrokerProfileName, string>> = {
  spec: 'a standard broker',
  'mosquitto-2.0': 'Mosquitto 2.0',
  emqx: 'EMQX',
  hivemq: 'HiveMQ',
  aedes: 'Aedes',
  'rabbitmq-3.10': 'RabbitMQ 3.10',
  'activemq-5.17': 'ActiveMQ 5.17',
  'ejabberd-23': 'ejabberd 23',
};

export function isProfileName(value: unknown): value is BrokerProfileName {
  return typeof value === 'string' && (BROKER_PROFILES as readonly string[]).includes(value);
}
