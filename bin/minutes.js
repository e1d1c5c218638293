#!/usr/bin/env node
// The CLI compiled to dist/ by `npm run build` (which `npm install` runs through `prepare`).
import "../dist/cli/main.js";
