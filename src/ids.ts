import { ObjectId } from "bson";

/**
 * Deterministic id source. ObjectIds are built like real ones (4 bytes of seconds from the injected clock, then
 * 8 bytes from a seeded sequence), so they sort by creation time and repeat exactly for the same seed, clock and
 * call order. The sequence position lives in the app state, so `reset()` rewinds it together with the data.
 */
export interface IdSource {
  /** A new 24-hex ObjectId string. */
  hex(): string;
  /** A new ObjectId (bson 7). */
  objectId(): ObjectId;
  /** A random-looking token of `bytes` bytes as lowercase hex (secrets, API keys, confirmation tokens). */
  token(bytes?: number): string;
}

/** 32-bit FNV-1a hash of a string: turns a seed string into a number. */
export function hashSeed(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** splitmix32 step: the n-th pseudo-random 32-bit value of a seeded stream. */
export function mix32(seed: number, n: number): number {
  let z = (seed + Math.imul(n + 1, 0x9e3779b9)) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return (z ^ (z >>> 16)) >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, "0");

/** `bytes` cryptographically random bytes as lowercase hex (WebCrypto: the same in Node and browsers). */
export function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, "0"),
  ).join("");
}

/**
 * Creates an id source. `position` reads and advances the sequence counter (kept by the caller so that it can be
 * snapshotted with the rest of the state).
 */
export function createIdSource(options: { seed: string; now: () => number; next: () => number }): IdSource {
  const base = hashSeed(options.seed);
  /** The three 32-bit words of the next id: seconds, then two words of the sequence. */
  const words = (): [number, number, number] => {
    const n = options.next();
    return [Math.floor(options.now() / 1000) >>> 0, mix32(base, n), mix32(base ^ 0x5bd1e995, n)];
  };
  return {
    hex: () => words().map(hex8).join(""),
    // The same id as `hex()` would spell, built from its bytes (no hex string in between).
    objectId: () => {
      const bytes = new Uint8Array(12);
      const view = new DataView(bytes.buffer);
      for (const [i, word] of words().entries()) view.setUint32(i * 4, word);
      return new ObjectId(bytes);
    },
    token: (bytes = 32) => {
      const n = options.next();
      let out = "";
      for (let i = 0; out.length < bytes * 2; i++) out += hex8(mix32(base + i, n));
      return out.slice(0, bytes * 2);
    },
  };
}
