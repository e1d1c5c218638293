#!/usr/bin/env node
// Entry point: the only place the CLI touches process state.
import "dotenv/config";
import { runCli } from "./run.js";

const code = await runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s.endsWith("\n") ? s : `${s}\n`),
  err: (s) => process.stderr.write(s.endsWith("\n") ? s : `${s}\n`),
  env: process.env,
  isTTY: Boolean(process.stderr.isTTY),
  stdin: process.stdin,
  stdout: process.stdout,
  columns: process.stdout.columns,
});
process.exitCode = code;
