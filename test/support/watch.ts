import { server } from "./msw-server.js";

/** Resolves once `count` watch requests have been answered (their streams are then subscribed). */
export function streamsOpened(count: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const listener = ({ request }: { request: Request }) => {
      if (
        request.method === "GET" &&
        request.url.includes("/functions/call?baas_request=") &&
        ++seen === count
      ) {
        server.events.removeListener("response:mocked", listener);
        resolve();
      }
    };
    server.events.on("response:mocked", listener);
  });
}

/** The next `n` values of a watch stream (fewer if it ends). */
export async function take<T>(stream: AsyncGenerator<T>, n: number): Promise<T[]> {
  const out: T[] = [];
  while (out.length < n) {
    const next = await stream.next();
    if (next.done) break;
    out.push(next.value);
  }
  return out;
}
