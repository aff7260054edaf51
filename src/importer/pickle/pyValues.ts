/**
 * Python values as the unpickler rebuilds them. Lists and tuples are both arrays, dicts
 * are Maps (insertion order kept, non-string keys allowed), sets are Sets. Classes the
 * reader does not know stay inert: a PyClass names them, a PyObject records what the file
 * passed to them, and no code from the file ever runs.
 */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PyValue[]
  | PyDict
  | Set<PyValue>
  | PyClass
  | PyObject
  | PyNative;

export type PyDict = Map<PyValue, PyValue>;

/** A global (class or function) named by the file. */
export class PyClass {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/** An instance of an unknown class: its constructor arguments and the state BUILD gave it. */
export class PyObject {
  state: PyValue | undefined = undefined;

  constructor(
    readonly cls: PyClass,
    readonly args: readonly PyValue[],
    readonly kwargs: PyDict | null = null,
  ) {}

  /** The instance attribute `name`, from a dict state or the dict half of a (dict, slots) state. */
  attr(name: string): PyValue | undefined {
    const dict =
      this.state instanceof Map
        ? this.state
        : Array.isArray(this.state) && this.state[0] instanceof Map
          ? this.state[0]
          : null;
    return dict?.get(name);
  }
}

/** A value decoded by a hook into something richer than a placeholder (a numpy array, say). */
export abstract class PyNative {
  abstract readonly kind: string;
}

/** A short description of a value for error messages. */
export function describe(value: PyValue | undefined): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'None';
  if (Array.isArray(value)) return `a sequence of ${value.length}`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  if (value instanceof Map) return 'a dict';
  if (value instanceof Set) return 'a set';
  if (value instanceof PyClass) return `the global ${value.qualified}`;
  if (value instanceof PyObject) return `a ${value.cls.qualified} object`;
  if (value instanceof PyNative) return `a ${value.kind}`;
  return `${typeof value} ${String(value)}`;
}
