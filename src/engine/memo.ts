/**
 * A function remembered for the last few thousand arguments. Plans repeat their numbers and
 * keywords row after row; the bound keeps a plan of many distinct values from growing memory.
 */
export function memo<K, V>(fn: (key: K) => V, size = 10_000): (key: K) => V {
  const seen = new Map<K, V>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined) {
      if (seen.size >= size) seen.clear();
      value = fn(key);
      seen.set(key, value);
    }
    return value;
  };
}

/**
 * Values kept by several keys at once, in nested maps: a lookup builds no key string, so it costs
 * little on the hot path of a large plan, where most rows find what an earlier row made. Every
 * lookup in one cache passes the same number of keys.
 */
export class KeyedCache<V> {
  private readonly root = new Map<unknown, unknown>();

  get(keys: readonly unknown[], make: () => V): V {
    let level = this.root;
    for (let i = 0; i < keys.length - 1; i++) {
      let next = level.get(keys[i]) as Map<unknown, unknown> | undefined;
      if (!next) level.set(keys[i], (next = new Map()));
      level = next;
    }
    const last = keys[keys.length - 1];
    if (level.has(last)) return level.get(last) as V;
    const value = make();
    level.set(last, value);
    return value;
  }
}
