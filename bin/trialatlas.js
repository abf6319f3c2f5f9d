#!/usr/bin/env node
// The `trialatlas` binary: the compiled CLI (run `npm run build` first).
import { main } from '../dist/cli/main.js';

main(process.argv).then((code) => { process.exitCode = code; });
