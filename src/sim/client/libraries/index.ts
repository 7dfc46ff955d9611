import type { ClientLibraryName } from '../../../scenario/types';
import type { ClientLibrary } from './library';
import { mqttjsLibrary } from './mqttjs';
import { pahoPythonLibrary } from './paho';
import { specLibrary } from './spec';

export type { ClientLibrary } from './library';
export { onLattice } from './library';

export const CLIENT_LIBRARY: Readonly<Record<ClientLibraryName, ClientLibrary>> = {
  'mqttjs-5': mqttjsLibrary,
  'paho-python': pahoPythonLibrary,
  spec: specLibrary,
};
