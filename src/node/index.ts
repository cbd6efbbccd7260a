// The Node-only entry ("app-services-mock/node"): file loading, the function sandbox and the local server live
// here, so the main entry and "./fixtures" stay free of Node built-ins and bundle for browsers.

// The local server and the CLI behind `app-services-mock serve`
export { type CliIo, type RunningServe, serve } from "./cli.js";
// Exported App Services apps: the loader and its errors
export { AppConfigError } from "./config/fields.js";
export { DEMO_APP_ID, type DemoLogin, demoApp } from "./demo-app.js";
// Fixture files (moved here from "app-services-mock/fixtures", which must bundle for browsers)
export { bundledTodosFile, bundledUsersFile, loadDataFile, loadUsersFile } from "./fixture-files.js";
export { type AppConfigObject, type LoadAppConfigOptions, loadAppConfig } from "./load-app-config.js";
export { type MockHttpServer, type MockHttpServerOptions, startMockServer } from "./server.js";
