// @vitest-environment jsdom
import { useMockApp } from "app-services-mock/vitest";
import { it } from "vitest";
import { domMock, runDomFlow } from "./dom-flow.js";

const mock = domMock();
useMockApp(mock);

it("runs realm-web under jsdom: login, a function, custom data and a watch stream", () =>
  runDomFlow(mock, "jsdom"));
