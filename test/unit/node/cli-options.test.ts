import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import {
  parseServeArgs,
  readConfigFile,
  readPersistFile,
  UsageError,
} from "../../../src/node/cli-options.js";

const file = (name: string, text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), "cli-options-")), name);
  writeFileSync(path, text);
  return path;
};

it("defaults to 127.0.0.1:9090 and the demo seed 1, with or without the serve command", () => {
  for (const argv of [[], ["serve"]]) {
    expect(parseServeArgs(argv)).toEqual({ host: "127.0.0.1", port: 9090, seed: 1, help: false });
  }
  expect(
    parseServeArgs(["serve", "--port", "0", "--host", "::1", "--seed", "7", "--persist", "s.json"]),
  ).toEqual({
    host: "::1",
    port: 0,
    seed: 7,
    help: false,
    persist: "s.json",
  });
});

it("refuses unknown options, commands, bad numbers and --app with --config as usage errors", () => {
  const cases: [string[], RegExp][] = [
    [["serve", "--bogus"], /Unknown option '--bogus'/],
    [["start"], /Unknown command "start"/],
    [["serve", "--port", "70000"], /--port must be an integer from 0 to 65535, got "70000"/],
    [["serve", "--port", "-1"], /--port/],
    [["serve", "--seed", "1.5"], /--seed must be an integer/],
    [["serve", "--app", "a", "--config", "c.json"], /Give --app or --config, not both/],
    [["serve", "extra"], /Unexpected argument|positional/i],
  ];
  for (const [argv, message] of cases) {
    expect(() => parseServeArgs(argv), argv.join(" ")).toThrow(UsageError);
    expect(() => parseServeArgs(argv), argv.join(" ")).toThrow(message);
  }
});

it("reads a config file as EJSON options and validates its users and data", () => {
  const options = readConfigFile(
    file("app.json", '{ "id": "cfg", "users": [{ "email": "a@example.com", "password": "secret-1" }] }'),
  );
  expect(options).toMatchObject({ id: "cfg", users: [{ email: "a@example.com" }] });
  expect(() => readConfigFile(file("bad.json", '{ "functions": {} }'))).toThrow(
    /unknown option\(s\) "functions"/,
  );
  expect(() => readConfigFile(file("bad.json", '{ "users": [{ "email": "x" }] }'))).toThrow(UsageError);
  expect(() => readConfigFile(file("bad.json", "[1]"))).toThrow(/must hold a JSON object of options/);
  expect(() => readConfigFile("/nonexistent/app.json")).toThrow(/Failed to read --config file/);
});

it("reads a persist file as { users, data } and refuses anything else", () => {
  expect(
    readPersistFile(file("s.json", '{ "users": [], "data": { "s": { "d": { "c": [{ "_id": 1 }] } } } }')),
  ).toEqual({ users: [], data: { s: { d: { c: [{ _id: 1 }] } } } });
  expect(() => readPersistFile(file("s.json", "[]"))).toThrow(/must hold \{ users, data \}/);
});
