#!/usr/bin/env node
// The `app-services-mock` executable (package.json "bin"): `app-services-mock serve [options]`.
import { main } from "./cli.js";

await main(process.argv.slice(2));
