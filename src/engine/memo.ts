/**
 * A value made on its first use, not when its module loads: the task pane and the command line
 * start without building word indexes and patterns that a run may never need.
 */
export function once<T>(make: () => T): () => T {
  let made: { value: T } | null = null;
  return () => (made ??= { value: make() }).value;
}

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
 * Values kept by two keys, in nested maps: a lookup builds no key and no closure, so it costs
 * little on the hot path of a large plan, where most rows find what an earlier row made.
 */
export class PairCache<A, B, V> {
  private readonly root = new Map<A, Map<B, V>>();

  find(a: A, b: B): V | undefined {
    return this.root.get(a)?.get(b);
  }

  put(a: A, b: B, value: V): V {
    let inner = this.root.get(a);
    if (!inner) this.root.set(a, (inner = new Map()));
    inner.set(b, value);
    return value;
  }
}
