// The lessons that ship with the app, in the order a student meets them. Each is plain data in its
// own file; tests/lessons check that each parses and that every claim holds under every profile.

import type { Lesson } from '../types';
import { anyPacketCounts } from './anyPacketCounts';
import { brokersDiffer } from './brokersDiffer';
import { choosingKeepAlive } from './choosingKeepAlive';
import { clientIdClash } from './clientIdClash';
import { crashPowerOffDisconnect } from './crashPowerOffDisconnect';
import { deadBroker } from './deadBroker';
import { halfOpenTakeover } from './halfOpenTakeover';
import { keepAlive } from './keepAlive';
import { persistentSession } from './persistentSession';
import { reconnectStorm } from './reconnectStorm';
import { whoPings } from './whoPings';
import { willDelay } from './willDelay';

export const LESSONS: readonly Lesson[] = [
  keepAlive,
  anyPacketCounts,
  whoPings,
  crashPowerOffDisconnect,
  halfOpenTakeover,
  clientIdClash,
  deadBroker,
  willDelay,
  persistentSession,
  reconnectStorm,
  brokersDiffer,
  choosingKeepAlive,
];

export function getLesson(id: string): Lesson | undefined {
  return LESSONS.find((l) => l.id === id);
}
