/**
 * Base64url of UTF-8 text, both ways, with the web platform's `btoa`/`atob` (browser-safe: no Buffer). Decoding
 * accepts the standard alphabet too and needs no padding; it throws on anything that is not base64 of UTF-8.
 */
export function encodeBase64url(text: string): string {
  // ASCII is its own UTF-8 (the usual token JSON): `btoa` takes it as it is.
  let binary = text;
  if (NON_ASCII.test(text)) {
    binary = "";
    for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
}

const NON_ASCII = /[\u0080-\uffff]/;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeBase64url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return strictUtf8.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The JSON object in one segment of a JWT (header or payload), without verifying anything; throws otherwise. */
export function decodeJwtPart(token: string, index: 0 | 1): Record<string, unknown> {
  const part = token.split(".")[index];
  if (part === undefined) throw new Error("not a JWT");
  return decodeJwtSegment(part);
}

/** The JSON object a JWT segment (base64url) holds; throws otherwise. */
export function decodeJwtSegment(part: string): Record<string, unknown> {
  const value: unknown = JSON.parse(decodeBase64url(part));
  if (value === null || typeof value !== "object" || Array.isArray(value))
    throw new Error("not a JWT object");
  return value as Record<string, unknown>;
}
