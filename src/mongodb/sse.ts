/** Server-sent-event framing of watch streams, as realm-web 2.0.1's WatchStream parses it (§12.2). */
import { EJSON } from "bson";
import type { Doc } from "./types.js";

/** Percent-encodes `%` (first), LF and CR, so that any string survives realm-web's decoding. */
export function percentEncodeSseData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\n/g, "%0A").replace(/\r/g, "%0D");
}

/** The inverse, exactly as realm-web does it: only `%25`, `%0A` and `%0D` are decoded; other `%xx` pass through. */
export function percentDecodeSseData(text: string): string {
  return text.replace(/%(25|0A|0D)/g, (match) => (match === "%25" ? "%" : match === "%0A" ? "\n" : "\r"));
}

/** One change event as an SSE message: `data: <percent-encoded canonical EJSON>\n\n`. */
export function frameChangeEvent(event: object): string {
  return `data: ${percentEncodeSseData(EJSON.stringify(event, { relaxed: false }))}\n\n`;
}

/** An error as an SSE message; realm-web's iterator throws `WatchError { code: error_code, message: error }`. */
export function frameWatchError(errorCode: string, error: string): string {
  return `event: error\ndata: ${JSON.stringify({ error_code: errorCode, error })}\n\n`;
}

/** One dispatched SSE message. */
export interface SseMessage {
  /** The `event:` field; empty for plain messages. */
  event: string;
  /** The `data:` lines joined with LF, still percent-encoded. */
  data: string;
}

/** A decoded watch message: a change event, or an error as realm-web would raise it. */
export type WatchMessage = { type: "change"; event: Doc } | { type: "error"; code: string; message: string };

/**
 * An incremental SSE parser with realm-web's rules: lines end at LF (a CR before it is dropped, a bare CR is not a
 * line break), `data:` lines accumulate, a blank line dispatches, `:` comments and other fields are ignored.
 */
export class SseDecoder {
  #buffer = "";
  #event = "";
  #data: string[] = [];

  /** Feeds a chunk of text and returns the messages it completed. */
  push(chunk: string): SseMessage[] {
    this.#buffer += chunk;
    const out: SseMessage[] = [];
    let newline = this.#buffer.indexOf("\n");
    while (newline !== -1) {
      let line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      this.#line(line, out);
      newline = this.#buffer.indexOf("\n");
    }
    return out;
  }

  #line(line: string, out: SseMessage[]): void {
    if (line === "") {
      if (this.#data.length > 0 || this.#event !== "")
        out.push({ event: this.#event, data: this.#data.join("\n") });
      this.#event = "";
      this.#data = [];
      return;
    }
    if (line.startsWith(":")) return;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") this.#data.push(value);
    else if (field === "event") this.#event = value;
  }
}

/** Interprets one SSE message the way realm-web's watch iterator does. */
export function decodeWatchMessage(message: SseMessage): WatchMessage | undefined {
  if (message.event === "error") {
    try {
      const body = JSON.parse(message.data) as { error_code?: unknown; error?: unknown };
      return { type: "error", code: String(body.error_code), message: String(body.error) };
    } catch {
      return { type: "error", code: "unknown", message: message.data };
    }
  }
  if (message.event !== "" && message.event !== "message") return undefined;
  const event = EJSON.parse(percentDecodeSseData(message.data), { relaxed: true }) as unknown;
  if (event === null || typeof event !== "object" || Array.isArray(event)) {
    return {
      type: "error",
      code: "bad bson parse",
      message: `server returned malformed event: ${message.data}`,
    };
  }
  return { type: "change", event: event as Doc };
}

/** Decodes a complete SSE body (for tests). */
export function decodeWatchBody(text: string): WatchMessage[] {
  const decoder = new SseDecoder();
  return decoder
    .push(text)
    .map(decodeWatchMessage)
    .filter((message): message is WatchMessage => message !== undefined);
}
