/** The key-value storage interface realm-web persists users in (`AppConfiguration.storage`). */
export interface RealmStorage {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  prefix(keyPart: string): RealmStorage;
  clear(prefix?: string): void;
  addListener(listener: () => void): void;
  removeListener(listener: () => void): void;
}

/**
 * A fresh in-memory storage for one realm-web `App`, so that a test never sees users another test left in
 * realm-web's process-wide default storage.
 */
export function createMemoryStorage(): RealmStorage {
  const values = new Map<string, string>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of [...listeners]) listener();
  };
  const scoped = (base: string): RealmStorage => ({
    get: (key) => values.get(base + key) ?? null,
    set: (key, value) => {
      values.set(base + key, value);
      changed();
    },
    remove: (key) => {
      values.delete(base + key);
      changed();
    },
    prefix: (keyPart) => scoped(`${base}${keyPart}:`),
    clear: (prefix = "") => {
      for (const key of [...values.keys()]) if (key.startsWith(base + prefix)) values.delete(key);
      changed();
    },
    addListener: (listener) => listeners.add(listener),
    removeListener: (listener) => listeners.delete(listener),
  });
  return scoped("");
}
