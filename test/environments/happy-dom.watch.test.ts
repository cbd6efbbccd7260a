// @vitest-environment happy-dom
import { useMockApp } from "app-services-mock/vitest";
import { it } from "vitest";
import { domMock, runDomFlow } from "./dom-flow.js";

const mock = domMock();
useMockApp(mock);

it("runs realm-web under happy-dom: login, a function, custom data and a watch stream", () =>
  runDomFlow(mock, "happy-dom"));
