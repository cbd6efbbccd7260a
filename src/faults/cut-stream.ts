import { frameWatchError } from "../mongodb/sse.js";

/**
 * Passes a server-sent-event body through until `events` messages (blank-line-terminated) have gone by, then ends
 * it: `close` ends the stream cleanly, `error` first sends an SSE error event (realm-web's iterator throws a
 * `WatchError`). The source is cancelled either way, so the watch stream behind it stops. (Erroring the body
 * stream instead would drop the events still in flight: MSW reads ahead of the client.)
 */
export function cutAfterEvents(
  body: ReadableStream<Uint8Array>,
  events: number,
  mode: "close" | "error",
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  let seen = 0;
  let previous = "";
  const end = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    reader.cancel().catch(() => undefined);
    if (mode === "error") {
      controller.enqueue(
        encoder.encode(frameWatchError("InternalServerError", "watch stream cut by an injected fault")),
      );
    }
    controller.close();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (events <= 0) end(controller);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) return controller.close();
      const text = decoder.decode(value, { stream: true });
      for (let i = 0; i < text.length; i++) {
        const char = text[i];
        if (char === "\n" && previous === "\n") {
          previous = "";
          if (++seen < events) continue;
          controller.enqueue(encoder.encode(text.slice(0, i + 1)));
          return end(controller);
        }
        if (char !== "\r") previous = char ?? "";
      }
      controller.enqueue(encoder.encode(text));
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
