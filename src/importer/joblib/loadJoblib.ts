import type { PyValue } from '../pickle/pyValues';
import { unpickle } from '../pickle/unpickler';
import { joblibPayload } from './decompress';
import { numpyHooks } from './numpy';

/** Reads a joblib file (as joblib.load would, minus running any of its classes): numpy arrays and scalars decoded, other classes inert. */
export async function loadJoblib(bytes: Uint8Array, source: string): Promise<PyValue> {
  return unpickle(await joblibPayload(bytes, source), source, numpyHooks);
}
