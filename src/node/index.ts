// The Node-only entry ("app-services-mock/node"): file loading, the function sandbox and the local server live
// here, so the main entry and "./fixtures" stay free of Node built-ins and bundle for browsers.
export { AppConfigError } from "./config/fields.js";
export { type AppConfigObject, type LoadAppConfigOptions, loadAppConfig } from "./load-app-config.js";
