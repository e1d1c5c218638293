/**
 * `npm run corpus -- --docs N --out DIR [--seed S] [--internal-ratio R] [--questions Q]`
 * writes DIR/minutes/… (one .txt per minutes), DIR/questions.jsonl and DIR/corpus.json.
 */
import { parseArgs } from "node:util";
import { writeCorpus } from "./corpus.js";

const USAGE = "usage: npm run corpus -- --docs N --out DIR [--seed S] [--internal-ratio R] [--questions Q]";

function fail(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`);
  process.exit(2);
}

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      docs: { type: "string" },
      out: { type: "string" },
      seed: { type: "string" },
      "internal-ratio": { type: "string" },
      questions: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  }));
} catch (e) {
  fail((e as Error).message);
}
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}
const docs = Number(values.docs);
if (!Number.isInteger(docs) || docs < 1) fail("--docs must be a positive integer");
if (!values.out) fail("--out is required");
const internalRatio = values["internal-ratio"] === undefined ? undefined : Number(values["internal-ratio"]);
if (internalRatio !== undefined && !(internalRatio >= 0 && internalRatio <= 1)) fail("--internal-ratio must be between 0 and 1");
const questions = values.questions === undefined ? undefined : Number(values.questions);
if (questions !== undefined && !(Number.isInteger(questions) && questions >= 0)) fail("--questions must be a non-negative integer");
const seed = values.seed === undefined ? 1 : /^\d+$/.test(values.seed as string) ? Number(values.seed) : (values.seed as string);

const t0 = performance.now();
const tty = process.stderr.isTTY;
let last = 0;
const res = await writeCorpus({
  docs,
  out: values.out as string,
  seed,
  internalRatio,
  questions,
  onProgress: (done, total) => {
    const now = performance.now();
    if (tty && (now - last > 200 || done === total)) {
      last = now;
      process.stderr.write(`\rgenerating ${done}/${total}`);
    }
  },
});
if (tty) process.stderr.write("\n");
const s = res.summary;
process.stdout.write(
  `wrote ${s.docs} minutes (${(s.bytes / 1048576).toFixed(1)} MB, ${(s.minBytes / 1024).toFixed(1)}–${(s.maxBytes / 1024).toFixed(1)} KB each, ` +
    `${s.items} agenda items, ${s.internal} internal) and ${s.questions} questions ` +
    `(${Object.entries(s.byKind)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ")}) to ${values.out} in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`,
);
