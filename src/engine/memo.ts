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
