/**
 * Walks over the goal hierarchy. A plan may nest as deep as it has rows (IDs 1, 1.1, 1.1.1, …),
 * so every walk is a loop with a stack of its own: recursion would exhaust the call stack at a few
 * thousand levels. Each walk visits a node once, whatever the depth.
 */

/** The nodes under the roots, each before its children, children in order (depth first). */
export function parentsFirst<T>(roots: readonly T[], childrenOf: (node: T) => readonly T[]): T[] {
  const out: T[] = [];
  const stack: T[] = [];
  for (let r = roots.length - 1; r >= 0; r--) stack.push(roots[r]);
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    const kids = childrenOf(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** The nodes under the roots, each after its children, children in order: the order a recursive evaluation would take. */
export function childrenFirst<T>(roots: readonly T[], childrenOf: (node: T) => readonly T[]): T[] {
  // Each node before its children, children last to first, is this order backwards.
  const out: T[] = [];
  const stack: T[] = [...roots];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    const kids = childrenOf(node);
    for (let i = 0; i < kids.length; i++) stack.push(kids[i]);
  }
  return out.reverse();
}

/**
 * A value for each of `count` items known by the position of their parent (-1 at the top), made
 * from the parent's value: each item's line of ancestors is walked once, not once per descendant.
 * A parent that leads back to the item itself is taken as no parent.
 */
export function fromTheTop<T>(count: number, parentOf: (i: number) => number, value: (i: number, parent: T | undefined) => T): T[] {
  const values = new Array<T>(count);
  // 0: not yet, 1: on the line being walked, 2: made.
  const state = new Uint8Array(count);
  const line: number[] = [];
  for (let i = 0; i < count; i++) {
    for (let at = i; at >= 0 && at < count && state[at] === 0; at = parentOf(at)) {
      state[at] = 1;
      line.push(at);
    }
    while (line.length) {
      const at = line.pop()!;
      const p = parentOf(at);
      values[at] = value(at, p >= 0 && p < count && state[p] === 2 ? values[p] : undefined);
      state[at] = 2;
    }
  }
  return values;
}
