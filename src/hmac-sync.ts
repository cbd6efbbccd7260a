/**
 * A synchronous HMAC-SHA256 where the platform has one: Node's `crypto.createHmac`, found at run time through
 * `process.getBuiltinModule` (Node ≥ 20.16) so that this module stays browser-safe (no static `node:*` import).
 * Elsewhere `undefined`, and callers use WebCrypto (asynchronous, a thread-pool round trip per call in Node).
 */
interface NodeHmac {
  update(data: string): NodeHmac;
  digest(encoding: "base64url"): string;
}
interface NodeCrypto {
  createHmac(algorithm: "sha256", key: Uint8Array): NodeHmac;
}

function findNodeCrypto(): NodeCrypto | undefined {
  const host = globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } };
  try {
    const found = host.process?.getBuiltinModule?.("node:crypto") as Partial<NodeCrypto> | undefined;
    return typeof found?.createHmac === "function" ? (found as NodeCrypto) : undefined;
  } catch {
    return undefined;
  }
}

const nodeCrypto = findNodeCrypto();

/** The base64url HMAC-SHA256 of `data` under `key`, computed synchronously; undefined without node:crypto. */
export type SyncHmac = (key: Uint8Array, data: string) => string;

export const hmacSha256Sync: SyncHmac | undefined =
  nodeCrypto === undefined
    ? undefined
    : (key, data) => nodeCrypto.createHmac("sha256", key).update(data).digest("base64url");
