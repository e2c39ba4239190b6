// Hand-written runtime guards for what crosses into main. A renderer is untrusted input:
// a payload is refused when it is too big, too deep, not plain data, carries a key that
// could pollute a prototype, or does not have exactly the shape its channel declares.

/** Returns null when `value` is acceptable, else why not (with the path of the culprit). */
export interface Guard<T> {
  (value: unknown, path?: string): string | null;
  /** Phantom: the type the guard admits (never set at run time). */
  readonly _type?: T;
}

export type TypeOf<G> = G extends Guard<infer T> ? T : never;

/** Keys that reach Object.prototype or a constructor when code merges objects. */
export const POLLUTION_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export interface PayloadLimits {
  /** Approximate size in JSON characters. */
  maxSize: number;
  maxDepth: number;
  /** Values visited (objects, arrays and leaves). */
  maxNodes: number;
}

export const DEFAULT_LIMITS: PayloadLimits = { maxSize: 16 * 1024, maxDepth: 16, maxNodes: 20_000 };

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * Walk the payload once before any guard reads it: plain JSON-like data only (objects,
 * arrays, strings, finite numbers, booleans, null, undefined), within the limits, no
 * pollution keys at any depth, no cycles.
 */
export function inspectPayload(value: unknown, limits: PayloadLimits = DEFAULT_LIMITS): string | null {
  let size = 0;
  let nodes = 0;
  const onPath = new Set<object>();
  const walk = (v: unknown, path: string, depth: number): string | null => {
    if (++nodes > limits.maxNodes) return `${path}: too many values (more than ${limits.maxNodes})`;
    if (v === null || v === undefined) {
      size += 4;
    } else if (typeof v === 'string') {
      size += v.length + 2;
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) return `${path}: not a finite number`;
      size += 8;
    } else if (typeof v === 'boolean') {
      size += 5;
    } else if (typeof v === 'object') {
      if (depth >= limits.maxDepth) return `${path}: nested deeper than ${limits.maxDepth}`;
      if (onPath.has(v)) return `${path}: refers to itself`;
      if (Array.isArray(v)) {
        if (Object.getPrototypeOf(v) !== Array.prototype) return `${path}: not a plain array`;
        size += 2;
        onPath.add(v);
        for (let i = 0; i < v.length; i++) {
          const why = walk(v[i], `${path}[${i}]`, depth + 1);
          if (why) return why;
          size += 1;
          if (size > limits.maxSize) break;
        }
        onPath.delete(v);
      } else {
        if (!isPlainObject(v)) return `${path}: not plain data (${Object.prototype.toString.call(v)})`;
        size += 2;
        onPath.add(v);
        for (const key of Reflect.ownKeys(v)) {
          if (typeof key !== 'string') return `${path}: symbol key`;
          if (POLLUTION_KEYS.has(key)) return `${path}: forbidden key "${key}"`;
          const desc = Object.getOwnPropertyDescriptor(v, key)!;
          if (!('value' in desc)) return `${path}.${key}: accessor property`;
          size += key.length + 3;
          const why = walk(desc.value, `${path}.${key}`, depth + 1);
          if (why) return why;
          if (size > limits.maxSize) break;
        }
        onPath.delete(v);
      }
    } else {
      return `${path}: ${typeof v} is not plain data`;
    }
    return size > limits.maxSize ? `payload larger than ${limits.maxSize} characters` : null;
  };
  return walk(value, '$', 0);
}

function guard<T>(f: (value: unknown, path: string) => string | null): Guard<T> {
  return ((value: unknown, path = '$') => f(value, path)) as Guard<T>;
}

export function str(opts: { min?: number; max: number; pattern?: RegExp; what?: string }): Guard<string> {
  const min = opts.min ?? 0;
  return guard((v, p) => {
    if (typeof v !== 'string') return `${p}: expected a string`;
    if (v.length < min) return `${p}: shorter than ${min}`;
    if (v.length > opts.max) return `${p}: longer than ${opts.max}`;
    if (v.includes('\u0000')) return `${p}: contains NUL`;
    if (opts.pattern && !opts.pattern.test(v)) return `${p}: not ${opts.what ?? `matching ${opts.pattern}`}`;
    return null;
  });
}

export function int(min: number, max: number): Guard<number> {
  return guard((v, p) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) return `${p}: expected a whole number`;
    if (v < min || v > max) return `${p}: outside ${min}..${max}`;
    return null;
  });
}

export function num(min: number, max: number): Guard<number> {
  return guard((v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${p}: expected a number`;
    if (v < min || v > max) return `${p}: outside ${min}..${max}`;
    return null;
  });
}

export function bool(): Guard<boolean> {
  return guard((v, p) => (typeof v === 'boolean' ? null : `${p}: expected true or false`));
}

export function oneOf<const L extends readonly (string | number | boolean)[]>(...values: L): Guard<L[number]> {
  return guard((v, p) => ((values as readonly unknown[]).includes(v) ? null : `${p}: expected one of ${values.join(', ')}`));
}

export function nullable<T>(g: Guard<T>): Guard<T | null> {
  return guard((v, p) => (v === null ? null : g(v, p)));
}

export function arr<T>(item: Guard<T>, maxItems: number): Guard<T[]> {
  return guard((v, p) => {
    if (!Array.isArray(v)) return `${p}: expected a list`;
    if (v.length > maxItems) return `${p}: more than ${maxItems} items`;
    for (let i = 0; i < v.length; i++) {
      const why = item(v[i], `${p}[${i}]`);
      if (why) return why;
    }
    return null;
  });
}

type Shape = Record<string, Guard<unknown>>;
type ObjType<R extends Shape, O extends Shape> = { [K in keyof R]: TypeOf<R[K]> } & { [K in keyof O]?: TypeOf<O[K]> };

/**
 * An object with exactly these keys: the required ones present, the optional ones
 * present or undefined, nothing else.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export function obj<R extends Shape, O extends Shape = {}>(required: R, optional?: O): Guard<ObjType<R, O>> {
  const opt: Shape = optional ?? {};
  return guard((v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${p}: expected an object`;
    if (!isPlainObject(v)) return `${p}: not a plain object`;
    const rec = v as Record<string, unknown>;
    for (const key of Object.keys(rec)) {
      if (POLLUTION_KEYS.has(key)) return `${p}: forbidden key "${key}"`;
      if (!Object.hasOwn(required, key) && !Object.hasOwn(opt, key)) return `${p}: unexpected key "${key}"`;
    }
    for (const key of Object.keys(required)) {
      if (!Object.hasOwn(rec, key) || rec[key] === undefined) return `${p}: missing "${key}"`;
      const why = required[key](rec[key], `${p}.${key}`);
      if (why) return why;
    }
    for (const key of Object.keys(opt)) {
      if (!Object.hasOwn(rec, key) || rec[key] === undefined) continue;
      const why = opt[key](rec[key], `${p}.${key}`);
      if (why) return why;
    }
    return null;
  });
}

/** A further condition on a value that passed `g`. */
export function refine<T>(g: Guard<T>, ok: (v: T) => boolean, reason: string): Guard<T> {
  return guard((v, p) => g(v, p) ?? (ok(v as T) ? null : `${p}: ${reason}`));
}
