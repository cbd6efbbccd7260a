import type { MockApp } from "../../src/index.js";

/** Wire helpers over `mock.handle` for the details realm-web hides. */
export const apiOf = (mock: MockApp): string => `${mock.baseUrl}/api/client/v2.0`;

/** `mock.handle(request)`, failing the test when the mock passes the request on. */
export async function handled(mock: MockApp, request: Request): Promise<Response> {
  const reply = await mock.handle(request);
  if (reply === undefined) throw new Error(`${request.method} ${request.url} was passed on`);
  return reply;
}

/** Logs an email/password user in through the wire and returns the tokens. */
export async function rawLogin(
  mock: MockApp,
  username: string,
  password: string,
): Promise<{ access_token: string; refresh_token: string; user_id: string }> {
  const reply = await handled(
    mock,
    new Request(`${apiOf(mock)}/app/${mock.id}/auth/providers/local-userpass/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    }),
  );
  if (reply.status !== 200) throw new Error(`login answered ${reply.status}: ${await reply.text()}`);
  return (await reply.json()) as { access_token: string; refresh_token: string; user_id: string };
}

/** `POST …/functions/call` with a raw (already encoded) JSON body. */
export function rawCall(mock: MockApp, accessToken: string, body: string): Promise<Response> {
  return handled(
    mock,
    new Request(`${apiOf(mock)}/app/${mock.id}/functions/call`, {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body,
    }),
  );
}

/** A MongoDB service action on `db.items` of `mongodb-atlas`; `argument` is raw JSON of the extra fields. */
export function rawAction(
  mock: MockApp,
  accessToken: string,
  action: string,
  argument: string,
): Promise<Response> {
  const separator = argument === "" ? "" : ",";
  return rawCall(
    mock,
    accessToken,
    `{"name":"${action}","service":"mongodb-atlas","arguments":[{"database":"db","collection":"items"${separator}${argument}}]}`,
  );
}
