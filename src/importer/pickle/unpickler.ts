import { ByteReader } from './byteReader';
import { PyClass, PyObject, describe, type PyDict, type PyValue } from './pyValues';

/**
 * A pickle virtual machine for protocols 2–5 (the binary opcodes; protocol-0 text opcodes,
 * persistent ids, the extension registry and out-of-band buffers are refused). It never
 * imports or calls anything named by the file: a few harmless builtins (set, frozenset,
 * bytearray, OrderedDict, the latin-1 bytes trick of protocol 2) are rebuilt, callers may
 * add hooks for classes they understand, and everything else becomes an inert PyObject.
 */

export interface UnpickleHooks {
  /** Globals the file may call (REDUCE / NEWOBJ), by "module.name": they build the value. */
  callables?: Readonly<Record<string, (args: readonly PyValue[], reader: ByteReader) => PyValue>>;
  /** Run right after BUILD on a placeholder of these classes; may read bytes that follow inline (joblib arrays). */
  afterBuild?: Readonly<Record<string, (obj: PyObject, reader: ByteReader) => PyValue>>;
}

const OPCODE_NAMES: Record<number, string> = {
  0x28: 'MARK',
  0x2e: 'STOP',
  0x30: 'POP',
  0x31: 'POP_MARK',
  0x32: 'DUP',
  0x46: 'FLOAT',
  0x49: 'INT',
  0x4a: 'BININT',
  0x4b: 'BININT1',
  0x4c: 'LONG',
  0x4d: 'BININT2',
  0x4e: 'NONE',
  0x50: 'PERSID',
  0x51: 'BINPERSID',
  0x52: 'REDUCE',
  0x53: 'STRING',
  0x54: 'BINSTRING',
  0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE',
  0x58: 'BINUNICODE',
  0x61: 'APPEND',
  0x62: 'BUILD',
  0x63: 'GLOBAL',
  0x64: 'DICT',
  0x7d: 'EMPTY_DICT',
  0x65: 'APPENDS',
  0x67: 'GET',
  0x68: 'BINGET',
  0x69: 'INST',
  0x6a: 'LONG_BINGET',
  0x6c: 'LIST',
  0x5d: 'EMPTY_LIST',
  0x6f: 'OBJ',
  0x70: 'PUT',
  0x71: 'BINPUT',
  0x72: 'LONG_BINPUT',
  0x73: 'SETITEM',
  0x74: 'TUPLE',
  0x29: 'EMPTY_TUPLE',
  0x75: 'SETITEMS',
  0x47: 'BINFLOAT',
  0x80: 'PROTO',
  0x81: 'NEWOBJ',
  0x82: 'EXT1',
  0x83: 'EXT2',
  0x84: 'EXT4',
  0x85: 'TUPLE1',
  0x86: 'TUPLE2',
  0x87: 'TUPLE3',
  0x88: 'NEWTRUE',
  0x89: 'NEWFALSE',
  0x8a: 'LONG1',
  0x8b: 'LONG4',
  0x42: 'BINBYTES',
  0x43: 'SHORT_BINBYTES',
  0x8c: 'SHORT_BINUNICODE',
  0x8d: 'BINUNICODE8',
  0x8e: 'BINBYTES8',
  0x8f: 'EMPTY_SET',
  0x90: 'ADDITEMS',
  0x91: 'FROZENSET',
  0x92: 'NEWOBJ_EX',
  0x93: 'STACK_GLOBAL',
  0x94: 'MEMOIZE',
  0x95: 'FRAME',
  0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER',
  0x98: 'READONLY_BUFFER',
};

/** Python 2 module names that Python 3's unpickler renames (fix_imports) for protocols below 3. */
const PY2_MODULES: Record<string, string> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

const BUILTINS: Record<string, (args: readonly PyValue[]) => PyValue> = {
  'builtins.set': (args) => new Set(iterable(args[0])),
  'builtins.frozenset': (args) => new Set(iterable(args[0])),
  'builtins.bytearray': (args) =>
    args[0] instanceof Uint8Array ? args[0].slice() : typeof args[0] === 'string' ? latin1(args[0]) : new Uint8Array(),
  'collections.OrderedDict': () => new Map(),
  // Protocol 2 has no bytes opcode: bytes are pickled as _codecs.encode(text, 'latin1').
  '_codecs.encode': (args) => latin1(typeof args[0] === 'string' ? args[0] : ''),
};

function iterable(value: PyValue | undefined): PyValue[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  throw new TypeError(`expected a sequence, got ${describe(value)}`);
}

/** Two's-complement little-endian integer of any length (LONG1 / LONG4); a number when it is safe. */
function decodeLong(bytes: Uint8Array): number | bigint {
  if (bytes.length === 0) return 0;
  let value = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[i]!);
  if (bytes[bytes.length - 1]! & 0x80) value -= 1n << BigInt(8 * bytes.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

export function unpickle(bytes: Uint8Array, source: string, hooks: UnpickleHooks = {}): PyValue {
  const r = new ByteReader(bytes, source);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const memo = new Map<number, PyValue>();
  const marks: PyValue[][] = [];
  let stack: PyValue[] = [];
  let protocol = 0;
  let opAt = 0;
  let opName = '';

  // Typed explicitly so that TypeScript narrows after a call.
  const fail: (detail: string) => never = (detail) => r.fail(`${opName}: ${detail}`, opAt);
  const pop = (): PyValue => (stack.length ? stack.pop()! : fail('the stack is empty'));
  const top = (): PyValue => (stack.length ? stack[stack.length - 1]! : fail('the stack is empty'));
  const popMark = (): PyValue[] => {
    const items = stack;
    stack = marks.pop() ?? fail('no MARK to pop to');
    return items;
  };
  const text = (n: number): string => {
    const raw = r.bytesOf(n, 'a string');
    try {
      return utf8.decode(raw);
    } catch {
      return fail('a string is not valid UTF-8');
    }
  };
  const global = (module: string, name: string): PyClass =>
    new PyClass(protocol < 3 ? (PY2_MODULES[module] ?? module) : module, name);
  const call = (callable: PyValue, args: PyValue, kwargs: PyDict | null = null): PyValue => {
    if (!(callable instanceof PyClass)) return fail(`cannot call ${describe(callable)}`);
    if (!Array.isArray(args)) return fail(`arguments must be a tuple, got ${describe(args)}`);
    const hook = hooks.callables?.[callable.qualified];
    if (hook) return hook(args, r);
    const builtin = BUILTINS[callable.qualified];
    if (builtin) {
      try {
        return builtin(args);
      } catch (e) {
        return fail(`${callable.qualified}: ${(e as Error).message}`);
      }
    }
    return new PyObject(callable, args, kwargs);
  };
  const setItems = (target: PyValue, items: PyValue[]): void => {
    if (!(target instanceof Map)) fail(`cannot set items on ${describe(target)}`);
    if (items.length % 2) fail('odd number of items for a dict');
    for (let i = 0; i < items.length; i += 2) target.set(items[i]!, items[i + 1]!);
  };
  const memoGet = (index: number): PyValue =>
    memo.has(index) ? memo.get(index)! : fail(`memo entry ${index} was never stored`);

  if (bytes[0] !== 0x80) {
    r.fail(
      `not a pickle of protocol 2–5 (starts with ${bytes.length ? `0x${bytes[0]!.toString(16).padStart(2, '0')}` : 'nothing'}, expected 0x80)`,
      0,
    );
  }
  for (;;) {
    opAt = r.offset;
    const op = r.u8('the next opcode');
    opName = OPCODE_NAMES[op] ?? `0x${op.toString(16).padStart(2, '0')}`;
    switch (op) {
      case 0x80:
        protocol = r.u8('the protocol number');
        if (protocol < 2 || protocol > 5) fail(`unsupported pickle protocol ${protocol}`);
        break;
      case 0x95: {
        // Frames only group bytes for buffered reading; their content is read in line.
        const size = r.u64('the frame length');
        if (size > r.remaining) fail(`file is truncated: the frame holds ${size} bytes, only ${r.remaining} left`);
        break;
      }
      case 0x2e:
        if (marks.length) fail('a MARK was never closed');
        return pop();
      case 0x28:
        marks.push(stack);
        stack = [];
        break;
      case 0x30:
        pop();
        break;
      case 0x31:
        popMark();
        break;
      case 0x32:
        stack.push(top());
        break;
      case 0x4e:
        stack.push(null);
        break;
      case 0x88:
        stack.push(true);
        break;
      case 0x89:
        stack.push(false);
        break;
      case 0x4a:
        stack.push(r.i32());
        break;
      case 0x4b:
        stack.push(r.u8());
        break;
      case 0x4d:
        stack.push(r.u16());
        break;
      case 0x8a:
        stack.push(decodeLong(r.bytesOf(r.u8('a LONG1 length'), 'a long integer')));
        break;
      case 0x8b:
        stack.push(decodeLong(r.bytesOf(r.i32('a LONG4 length'), 'a long integer')));
        break;
      case 0x47:
        stack.push(r.f64be());
        break;
      case 0x58:
        stack.push(text(r.u32()));
        break;
      case 0x8c:
        stack.push(text(r.u8()));
        break;
      case 0x8d:
        stack.push(text(r.u64()));
        break;
      case 0x54:
        stack.push(new TextDecoder('latin1').decode(r.bytesOf(r.i32(), 'a string')));
        break;
      case 0x55:
        stack.push(new TextDecoder('latin1').decode(r.bytesOf(r.u8(), 'a string')));
        break;
      case 0x42:
        stack.push(r.bytesOf(r.u32(), 'bytes').slice());
        break;
      case 0x43:
        stack.push(r.bytesOf(r.u8(), 'bytes').slice());
        break;
      case 0x8e:
        stack.push(r.bytesOf(r.u64(), 'bytes').slice());
        break;
      case 0x96:
        stack.push(r.bytesOf(r.u64(), 'a bytearray').slice());
        break;
      case 0x29:
        stack.push([]);
        break;
      case 0x85:
        stack.push([pop()]);
        break;
      case 0x86: {
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x74:
      case 0x6c: {
        // Pop first: popMark swaps the stack, and stack.push(popMark()) would push onto the old one.
        const items = popMark();
        stack.push(items);
        break;
      }
      case 0x5d:
        stack.push([]);
        break;
      case 0x61: {
        const item = pop();
        const list = top();
        if (!Array.isArray(list)) fail(`cannot append to ${describe(list)}`);
        list.push(item);
        break;
      }
      case 0x65: {
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) fail(`cannot append to ${describe(list)}`);
        list.push(...items);
        break;
      }
      case 0x7d:
        stack.push(new Map());
        break;
      case 0x64: {
        const dict: PyDict = new Map();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case 0x73: {
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x8f:
        stack.push(new Set());
        break;
      case 0x90: {
        const items = popMark();
        const set = top();
        if (!(set instanceof Set)) fail(`cannot add items to ${describe(set)}`);
        for (const item of items) set.add(item);
        break;
      }
      case 0x91: {
        const items = popMark();
        stack.push(new Set(items));
        break;
      }
      case 0x63: {
        const module = r.line('a GLOBAL module');
        stack.push(global(module, r.line('a GLOBAL name')));
        break;
      }
      case 0x93: {
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('module and name must be strings');
        stack.push(global(module, name));
        break;
      }
      case 0x52:
      case 0x81: {
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x92: {
        const kwargs = pop();
        const args = pop();
        if (!(kwargs instanceof Map)) fail(`keyword arguments must be a dict, got ${describe(kwargs)}`);
        stack.push(call(pop(), args, kwargs));
        break;
      }
      case 0x62: {
        const state = pop();
        const obj = top();
        if (!(obj instanceof PyObject)) fail(`cannot set state on ${describe(obj)}`);
        obj.state = state;
        const after = hooks.afterBuild?.[obj.cls.qualified];
        if (after) stack[stack.length - 1] = after(obj, r);
        break;
      }
      case 0x94:
        memo.set(memo.size, top());
        break;
      case 0x71:
        memo.set(r.u8(), top());
        break;
      case 0x72:
        memo.set(r.u32(), top());
        break;
      case 0x68:
        stack.push(memoGet(r.u8()));
        break;
      case 0x6a:
        stack.push(memoGet(r.u32()));
        break;
      default:
        fail(
          OPCODE_NAMES[op]
            ? 'opcode not supported (only binary protocols 2–5, without persistent ids, extensions or out-of-band buffers)'
            : 'unknown opcode',
        );
    }
  }
}
