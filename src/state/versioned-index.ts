/**
 * An index kept per version of an immutable value (a collection, the sessions map): built once, on the first lookup
 * of a version, and handed on by a write to the version it makes, with only that write's change applied. The version
 * written from loses it (a restore to it rebuilds once).
 */
export class VersionedIndex<V extends object, I> {
  readonly #indexes = new WeakMap<V, I>();
  readonly #build: (version: V) => I;

  constructor(build: (version: V) => I) {
    this.#build = build;
  }

  of(version: V): I {
    let index = this.#indexes.get(version);
    if (index === undefined) {
      index = this.#build(version);
      this.#indexes.set(version, index);
    }
    return index;
  }

  /** Moves the index of `before`, if built, to `after` with `change` applied to it; returns `after`. */
  carry(before: V, after: V, change: (index: I) => void): V {
    const index = this.#indexes.get(before);
    if (index === undefined || before === after) return after;
    this.#indexes.delete(before);
    change(index);
    this.#indexes.set(after, index);
    return after;
  }
}

/** Adds `member` to the set `index` keeps under `key` (the shape of both the sessions' and the fields' indexes). */
export function addToSet<K, M>(index: Map<K, Set<M>>, key: K, member: M): void {
  const members = index.get(key);
  if (members) members.add(member);
  else index.set(key, new Set([member]));
}
