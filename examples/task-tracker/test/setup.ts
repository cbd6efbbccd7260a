// Vitest setupFiles module: starts MSW before any test file imports realm-web.
import { setupMockServer } from "app-services-mock/vitest";
import { backend } from "./backend.js";

setupMockServer({ apps: [backend] });
