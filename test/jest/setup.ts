// Jest setupFilesAfterEnv module: Jest runs it before each test file, so the server listens before the test file
// (through the app module) imports realm-web. Public entries only, resolved through the package's exports.
import { setupMockServer } from "app-services-mock/jest";
import { backend } from "../../examples/todo-app/test/backend.js";

setupMockServer({ apps: [backend] });
