// What is worked out from a list of promotions, kept with the list when it is frozen: the cache of
// promotions in force (lib/promotions/store.ts `promotionsInForce`) hands every receipt the same
// frozen list until the next edit. Any other list (console preview, tests) may still be changed by
// its owner, so it is worked out on every call.

/** `compute`, remembered per frozen list. */
export function oncePerFrozenList<L extends readonly unknown[], T>(compute: (list: L) => T): (list: L) => T {
  const kept = new WeakMap<L, T>();
  return (list) => {
    const hit = kept.get(list);
    if (hit !== undefined) return hit;
    const value = compute(list);
    if (Object.isFrozen(list)) kept.set(list, value);
    return value;
  };
}
