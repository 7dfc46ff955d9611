// Reads the captured broker fixtures (tests/fixtures/…): a JSON header line, then one received message
// per line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface FixtureMessage {
  ms: number;
  topic: string;
  payload: string;
  qos: number;
  retain: boolean;
}

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

export function readFixture(path: string): { header: Record<string, unknown>; messages: FixtureMessage[] } {
  const lines = readFileSync(join(FIXTURES, path), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  const [first, ...rest] = lines;
  return {
    header: JSON.parse(first) as Record<string, unknown>,
    messages: rest.map((l) => JSON.parse(l) as FixtureMessage),
  };
}
