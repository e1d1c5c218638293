/**
 * OCR through the `tesseract` executable (Debian: tesseract-ocr, tesseract-ocr-chi-sim).
 * Output is read as TSV so that lines keep their positions and go through the same
 * line → paragraph layout as a PDF's text layer.
 */
import { spawn } from "node:child_process";
import { docError } from "./common.js";
import { isCjk } from "./common.js";
import type { Line, PageLayout } from "./layout.js";

export const TESSERACT_INSTALL = "apt-get install tesseract-ocr tesseract-ocr-chi-sim";
export const OCR_LANGUAGE = "chi_sim";
/**
 * Page segmentation mode. Measured on tests/fixtures/formats/taicang-2022-01-p1.png
 * (a 150 dpi page of official minutes) against its text: psm 4 (one column of text
 * of variable sizes) scored best; see tests/minutes/readers/image.test.ts.
 */
export const DEFAULT_PSM = 4;

export interface RunResult {
  code: number | null;
  stdout: Buffer;
  stderr: string;
}

export class ProcessTimeout extends Error {}
export class ProcessMissing extends Error {}

/** Runs a command with stdin input, a hard timeout (SIGKILL) and a cap on collected output. */
export function run(cmd: string, args: string[], input: Buffer | null, timeoutMs: number, maxOutput = 64 * 1024 * 1024): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const child = spawn(cmd, args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let outLen = 0;
    let err = "";
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      f();
    };
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(() => reject(new ProcessTimeout(`${cmd} timed out after ${timeoutMs} ms`)));
    }, timeoutMs);
    child.on("error", (e: NodeJS.ErrnoException) => finish(() => reject(e.code === "ENOENT" ? new ProcessMissing(`${cmd} not found`) : e)));
    child.stdout.on("data", (b: Buffer) => {
      outLen += b.length;
      if (outLen > maxOutput) {
        child.kill("SIGKILL");
        finish(() => reject(new Error(`${cmd} wrote more than ${maxOutput} bytes`)));
      } else out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => {
      if (err.length < 64 * 1024) err += b.toString("utf8");
    });
    child.on("close", (code) => finish(() => resolve({ code, stdout: Buffer.concat(out), stderr: err })));
    child.stdin.on("error", () => {}); // EPIPE when tesseract rejects the input early
    if (input) child.stdin.end(input);
    else child.stdin.end();
  });
}

const statusCache = new Map<string, Promise<string | null>>();

/** null when tesseract with chi_sim is usable, else why not. Cached per PATH. */
export function tesseractProblem(): Promise<string | null> {
  const key = process.env.PATH ?? "";
  let p = statusCache.get(key);
  if (!p) {
    p = run("tesseract", ["--list-langs"], null, 15_000, 1024 * 1024).then(
      (r) => {
        const langs = (r.stdout.toString("utf8") + r.stderr).split(/\s+/);
        if (r.code !== 0) return `tesseract --list-langs failed: ${r.stderr.trim().slice(0, 200)}`;
        return langs.includes(OCR_LANGUAGE) ? null : `tesseract is installed but has no ${OCR_LANGUAGE} language data`;
      },
      (e: unknown) => (e instanceof ProcessMissing ? "the tesseract executable is not on PATH" : `tesseract could not be run: ${String(e)}`),
    );
    statusCache.set(key, p);
  }
  return p;
}

export async function hasTesseract(): Promise<boolean> {
  return (await tesseractProblem()) === null;
}

/** Throws ocr_engine_missing naming the packages to install when OCR is not possible. */
export async function requireTesseract(path: string, why: string): Promise<void> {
  const problem = await tesseractProblem();
  if (problem) {
    throw docError("ocr_engine_missing", path, `${path}: ${why} needs OCR, but ${problem}. Install it with: ${TESSERACT_INSTALL}`, {
      install: TESSERACT_INSTALL,
      problem,
    });
  }
}

export interface OcrOptions {
  psm?: number;
  /** Time left for this run. */
  timeoutMs: number;
  /** The configured ReaderOptions.timeoutMs, for the message (defaults to timeoutMs). */
  limitMs?: number;
  /** Multiply pixel coordinates by this (e.g. 72/dpi to get PDF points). */
  scale?: number;
}

const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）" };
/** chi_sim often returns ASCII punctuation inside Chinese text («纪要如下:»); the documents use full-width forms. */
export function fullWidthPunctuation(s: string): string {
  return s.replace(/[,:;?!()]/g, (ch, i: number) => {
    const before = s[i - 1];
    const after = s[i + 1];
    const han = (c: string | undefined) => c !== undefined && /\p{Script=Han}/u.test(c);
    if (ch === "(") return han(after) || han(before) ? FULL[ch] : ch;
    if (ch === ")") return han(before) || han(after) ? FULL[ch] : ch;
    return han(before) ? FULL[ch] : ch;
  });
}

/**
 * Repairs a line of OCR text from another tool (a PDF's invisible text layer): the
 * spaces OCR puts between recognised CJK "words" go, and ASCII punctuation inside
 * Chinese becomes full-width, as for tesseract's own output here.
 */
export function repairOcrText(s: string): string {
  const joined = s.replace(/(\S)[ \t\u00a0\u3000]+(?=(\S))/gu, (m, a: string, b: string) => (isCjk(a) || isCjk(b) ? a : m));
  return fullWidthPunctuation(joined);
}

/** Parses tesseract TSV into lines; words of a line are joined without spaces between CJK. */
export function parseTsv(tsv: string, scale = 1): PageLayout {
  let width = 0;
  let height = 0;
  const lines = new Map<string, { box: number[]; words: string[] }>();
  for (const row of tsv.split("\n")) {
    const c = row.split("\t");
    if (c.length < 12 || c[0] === "level") continue;
    const level = Number(c[0]);
    const [left, top, w, h] = [Number(c[6]), Number(c[7]), Number(c[8]), Number(c[9])];
    const key = `${c[1]}/${c[2]}/${c[3]}/${c[4]}`;
    if (level === 1) [width, height] = [w, h];
    else if (level === 4) lines.set(key, { box: [left, top, w, h], words: [] });
    else if (level === 5) {
      const text = c.slice(11).join("\t").trim();
      if (text) lines.get(key)?.words.push(text);
    }
  }
  const out: Line[] = [];
  for (const { box, words } of lines.values()) {
    if (words.length === 0) continue;
    let text = "";
    for (const w of words) {
      const a = text[text.length - 1];
      text += text && !(isCjk(a) || isCjk(w[0])) ? ` ${w}` : w;
    }
    text = fullWidthPunctuation(text);
    const [left, top, w, h] = box;
    out.push({ text, x0: left * scale, x1: (left + w) * scale, y: (top + h) * scale, size: h * scale });
  }
  return { lines: out, width: width * scale, height: height * scale, scanned: true };
}

/** OCRs one image (PNG, JPEG, TIFF, …) into positioned lines. Throws DocumentError. */
export async function ocrImage(image: Buffer, path: string, opts: OcrOptions): Promise<PageLayout> {
  await requireTesseract(path, "reading a scanned page");
  const psm = opts.psm ?? DEFAULT_PSM;
  let r: RunResult;
  try {
    r = await run("tesseract", ["stdin", "stdout", "-l", OCR_LANGUAGE, "--psm", String(psm), "tsv"], image, Math.max(1, opts.timeoutMs));
  } catch (e) {
    if (e instanceof ProcessTimeout) {
      const limit = opts.limitMs ?? opts.timeoutMs;
      throw docError("file_timeout", path, `${path}: OCR did not finish within ${limit} ms (ReaderOptions.timeoutMs)`, {
        reason: "timeout",
        stage: "ocr",
        timeoutMs: limit,
      });
    }
    if (e instanceof ProcessMissing) {
      throw docError("ocr_engine_missing", path, `${path}: the tesseract executable is not on PATH. Install it with: ${TESSERACT_INSTALL}`, {
        install: TESSERACT_INSTALL,
      });
    }
    throw docError("format_invalid", path, `${path}: OCR failed: ${String(e)}`, {}, e);
  }
  if (r.code !== 0) {
    const msg =
      r.stderr
        .split("\n")
        .filter((l) => /error|can't|cannot|unsupported|fail/i.test(l))
        .slice(0, 3)
        .join("; ") || r.stderr.trim().slice(0, 300);
    throw docError("format_invalid", path, `${path}: tesseract could not read the image (exit ${r.code}): ${msg}`, { exitCode: r.code });
  }
  return parseTsv(r.stdout.toString("utf8"), opts.scale ?? 1);
}
