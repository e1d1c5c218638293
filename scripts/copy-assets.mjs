// Copies what tsc does not emit (the web page, the plain-JS pdf.js worker) next to the compiled modules.
import { cpSync } from "node:fs";

cpSync("src/web/public", "dist/web/public", { recursive: true });
cpSync("src/minutes/readers/pdf-worker.mjs", "dist/minutes/readers/pdf-worker.mjs");
