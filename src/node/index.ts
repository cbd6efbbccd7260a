// The Node-only entry ("app-services-mock/node"): file loading, the function sandbox and the local server live
// here, so the main entry and "./fixtures" stay free of Node built-ins and bundle for browsers.

// Fixture files (moved here from "app-services-mock/fixtures", which must bundle for browsers)
export { bundledTodosFile, bundledUsersFile, loadDataFile, loadUsersFile } from "./fixture-files.js";
