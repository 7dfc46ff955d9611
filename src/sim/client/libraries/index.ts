import type { ClientLibraryName } from '../../../scenario/types';
import type { ClientLibrary } from './library';
import { mqttjsLibrary } from './mqttjs';
import { pahoPythonLibrary } from './paho';
import { specLibrary } from './spec';

export type { ClientLibrary } from './library';
export { onLattice } from './library';

/**
 * The libraries by code: a connection keeps its library's code in a byte column, so the hot path
 * finds the library without reading its device's row first.
 */
export const LIBRARIES: readonly ClientLibrary[] = [mqttjsLibrary, pahoPythonLibrary, specLibrary];

export const LIBRARY_CODE: Readonly<Record<ClientLibraryName, number>> = {
  'mqttjs-5': 0,
  'paho-python': 1,
  spec: 2,
};
