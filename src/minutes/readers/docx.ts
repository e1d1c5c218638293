/**
 * DOCX → text, one paragraph a line, with automatic numbering written out
 * (一、 （一） 1. as Word shows them): minutes often number their items with Word
 * lists, and a raw-text extractor such as mammoth's drops those labels. Reads the
 * ZIP through zip.ts (sizes checked in the central directory before inflating,
 * inflation capped) and the XML with saxes (sax.ts: namespaces, no DOCTYPE, depth and element caps).
 * Headers, footers, footnotes and comments live in other parts and are not read.
 */
import { docError, startRead, trimPara } from "./common.js";
import type { ExtractedText, Reader, ReaderOptions } from "./types.js";
import { openZipPackage, ZipPackage } from "./zip-package.js";
import { parseXmlNs } from "./sax.js";

/** WordprocessingML, transitional and strict. */
const WORD_NS = new Set(["http://schemas.openxmlformats.org/wordprocessingml/2006/main", "http://purl.oclc.org/ooxml/wordprocessingml/main"]);
const MARKUP_COMPATIBILITY_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/**
 * An element as the readers below match it: WordprocessingML elements by local
 * name (p, r, t), markup compatibility as mc:…, others by URI and name so they match
 * nothing; attributes of WordprocessingML or of no namespace by local name.
 */
interface WordHandler {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

function wordName(el: { local: string; uri: string }): string {
  if (WORD_NS.has(el.uri)) return el.local;
  return el.uri === MARKUP_COMPATIBILITY_NS ? `mc:${el.local}` : `{${el.uri}}${el.local}`;
}

/** OOXML parts nest far deeper than OFD (tables in text boxes in tables); the ZIP caps bound their size. */
const WORD_XML_LIMITS = { maxDepth: 2_000, maxElements: 20_000_000 };

class Part extends ZipPackage {
  parse(name: string, h: WordHandler): boolean {
    const names: string[] = [];
    return this.xmlPart(name, (src) =>
      parseXmlNs(
        src,
        {
          open(el) {
            const attrs: Record<string, string> = {};
            for (const a of el.attributes) if (a.uri === "" && !(a.local in attrs)) attrs[a.local] = a.value;
            for (const a of el.attributes) if (WORD_NS.has(a.uri)) attrs[a.local] = a.value;
            const n = wordName(el);
            names.push(n);
            h.open(n, attrs);
          },
          close() {
            h.close(names.pop()!);
          },
          text: (t) => h.text(t),
        },
        WORD_XML_LIMITS,
      ),
    );
  }
}

// ---------------------------------------------------------------- relationships

function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith("/") ? target.slice(1) : base + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== "." && p !== "") out.push(p);
  }
  return out.join("/");
}

/** Relationship type suffix (officeDocument, numbering, styles) → part name. */
function readRels(part: Part, relsName: string, base: string): Map<string, string> {
  const out = new Map<string, string>();
  part.parse(relsName, {
    open(name, a) {
      if (name === "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship" && a.Type && a.Target && a.TargetMode !== "External") {
        const type = a.Type.slice(a.Type.lastIndexOf("/") + 1);
        if (!out.has(type)) out.set(type, resolveTarget(base, a.Target));
      }
    },
    close() {},
    text() {},
  });
  return out;
}

// ---------------------------------------------------------------- numbering

interface Level {
  start: number;
  fmt: string;
  text: string;
  isLgl: boolean;
  suff: string;
}

interface NumDef {
  abstractId: string;
  starts: Map<number, number>;
  levels: Map<number, Level>;
}

interface Numbering {
  abstracts: Map<string, Map<number, Level>>;
  abstractStyleLink: Map<string, string>;
  nums: Map<string, NumDef>;
}

const val = (a: Record<string, string>): string | undefined => a.val;
const attr = (a: Record<string, string>, name: string): string | undefined => a[name];
const on = (a: Record<string, string>): boolean => !["0", "false", "off"].includes(val(a) ?? "true");

function readNumbering(part: Part, name: string | undefined): Numbering {
  const n: Numbering = { abstracts: new Map(), abstractStyleLink: new Map(), nums: new Map() };
  if (!name) return n;
  let abstract: Map<number, Level> | undefined;
  let abstractId = "";
  let num: NumDef | undefined;
  let overrideLvl = -1;
  let lvl: { ilvl: number; level: Level } | undefined;
  const path: string[] = [];
  part.parse(name, {
    open(qn, a) {
      const ln = qn;
      const parent = path[path.length - 1];
      path.push(ln);
      if (ln === "abstractNum") {
        abstractId = attr(a, "abstractNumId") ?? "";
        abstract = new Map();
        n.abstracts.set(abstractId, abstract);
      } else if (ln === "num" && parent === "numbering") {
        const id = attr(a, "numId") ?? "";
        num = { abstractId: "", starts: new Map(), levels: new Map() };
        n.nums.set(id, num);
      } else if (ln === "abstractNumId" && num) num.abstractId = val(a) ?? "";
      else if (ln === "numStyleLink" && abstract) n.abstractStyleLink.set(abstractId, val(a) ?? "");
      else if (ln === "lvlOverride" && num) overrideLvl = Number(attr(a, "ilvl") ?? 0);
      else if (ln === "startOverride" && num && overrideLvl >= 0) num.starts.set(overrideLvl, Number(val(a) ?? 1));
      else if (ln === "lvl") {
        lvl = { ilvl: Number(attr(a, "ilvl") ?? Math.max(overrideLvl, 0)), level: { start: 1, fmt: "decimal", text: "", isLgl: false, suff: "tab" } };
      } else if (lvl && parent === "lvl") {
        if (ln === "start") lvl.level.start = Number(val(a) ?? 1);
        else if (ln === "numFmt") lvl.level.fmt = val(a) ?? "decimal";
        else if (ln === "lvlText") lvl.level.text = val(a) ?? "";
        else if (ln === "isLgl") lvl.level.isLgl = on(a);
        else if (ln === "suff") lvl.level.suff = val(a) ?? "tab";
      }
    },
    close(qn) {
      const ln = qn;
      path.pop();
      if (ln === "lvl" && lvl) {
        if (num && overrideLvl >= 0) num.levels.set(lvl.ilvl, lvl.level);
        else abstract?.set(lvl.ilvl, lvl.level);
        lvl = undefined;
      } else if (ln === "lvlOverride") overrideLvl = -1;
      else if (ln === "abstractNum") abstract = undefined;
      else if (ln === "num") num = undefined;
    },
    text() {},
  });
  return n;
}

interface StyleDef {
  basedOn?: string;
  numId?: string;
  ilvl?: number;
}

function readStyles(part: Part, name: string | undefined): Map<string, StyleDef> {
  const styles = new Map<string, StyleDef>();
  if (!name) return styles;
  let cur: StyleDef | undefined;
  const path: string[] = [];
  part.parse(name, {
    open(qn, a) {
      const ln = qn;
      path.push(ln);
      if (ln === "style" && path.length === 2) {
        cur = {};
        styles.set(attr(a, "styleId") ?? "", cur);
      } else if (cur && ln === "basedOn") cur.basedOn = val(a);
      else if (cur && path[path.length - 2] === "numPr" && !path.includes("pPrChange")) {
        if (ln === "numId") cur.numId = val(a);
        else if (ln === "ilvl") cur.ilvl = Number(val(a) ?? 0);
      }
    },
    close(qn) {
      path.pop();
      if (qn === "style") cur = undefined;
    },
    text() {},
  });
  return styles;
}

// ---------------------------------------------------------------- number formats

const CN_DIGITS = "零一二三四五六七八九";
const CN_LEGAL = "零壹贰叁肆伍陆柒捌玖";

function chinese(n: number, digits = CN_DIGITS, units = ["", "十", "百", "千"]): string {
  if (n <= 0 || n >= 10000) return String(n);
  if (n < 10) return digits[n];
  if (n < 20 && digits === CN_DIGITS) return `十${n % 10 ? digits[n % 10] : ""}`;
  const s = String(n);
  let out = "";
  let zero = false;
  for (let i = 0; i < s.length; i++) {
    const d = Number(s[i]);
    const unit = units[s.length - 1 - i];
    if (d === 0) zero = true;
    else {
      if (zero) out += digits[0];
      zero = false;
      out += digits[d] + unit;
    }
  }
  return out;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, "M"],
    [900, "CM"],
    [500, "D"],
    [400, "CD"],
    [100, "C"],
    [90, "XC"],
    [50, "L"],
    [40, "XL"],
    [10, "X"],
    [9, "IX"],
    [5, "V"],
    [4, "IV"],
    [1, "I"],
  ];
  let out = "";
  for (const [v, s] of table) while (n >= v) [n, out] = [n - v, out + s];
  return out;
}

function letters(n: number): string {
  if (n <= 0) return String(n);
  const ch = String.fromCharCode(65 + ((n - 1) % 26));
  return ch.repeat(Math.floor((n - 1) / 26) + 1);
}

export function formatNumber(n: number, fmt: string): string {
  switch (fmt) {
    case "decimal":
      return String(n);
    case "decimalZero":
      return n < 10 ? `0${n}` : String(n);
    case "upperRoman":
      return roman(n);
    case "lowerRoman":
      return roman(n).toLowerCase();
    case "upperLetter":
      return letters(n);
    case "lowerLetter":
      return letters(n).toLowerCase();
    case "chineseCounting":
    case "chineseCountingThousand":
    case "taiwaneseCounting":
    case "taiwaneseCountingThousand":
    case "japaneseCounting":
    case "koreanCounting":
      return chinese(n);
    case "ideographDigital":
    case "taiwaneseDigital":
      return [...String(n)].map((d) => "〇一二三四五六七八九"[Number(d)]).join("");
    case "chineseLegalSimplified":
    case "ideographLegalTraditional":
      return chinese(n, CN_LEGAL, ["", "拾", "佰", "仟"]);
    case "ideographTraditional":
      return n >= 1 && n <= 10 ? "甲乙丙丁戊己庚辛壬癸"[n - 1] : String(n);
    case "ideographZodiac":
      return n >= 1 && n <= 12 ? "子丑寅卯辰巳午未申酉戌亥"[n - 1] : String(n);
    case "decimalFullWidth":
    case "decimalFullWidth2":
      return [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join("");
    case "decimalEnclosedCircle":
    case "decimalEnclosedCircleChinese":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2460 + n - 1) : String(n);
    case "decimalEnclosedParen":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case "decimalEnclosedFullstop":
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case "none":
      return "";
    default:
      return String(n);
  }
}

/** Numbering state across a document: Word continues a list through other paragraphs. */
class Counter {
  private readonly counts = new Map<string, number[]>();

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Map<string, StyleDef>,
  ) {}

  private abstractOf(num: NumDef): Map<number, Level> | undefined {
    let id = num.abstractId;
    for (let guard = 0; guard < 5; guard++) {
      const link = this.numbering.abstractStyleLink.get(id);
      const abs = this.numbering.abstracts.get(id);
      if (!link || (abs && abs.size > 0)) return abs;
      const styleNum = this.styles.get(link)?.numId;
      const next = styleNum ? this.numbering.nums.get(styleNum) : undefined;
      if (!next) return abs;
      id = next.abstractId;
    }
    return undefined;
  }

  /** The label of a numbered paragraph (e.g. «一、»), or "" for bullets and unknown lists. */
  label(numId: string, ilvl: number): { label: string; suff: string } {
    const num = this.numbering.nums.get(numId);
    if (!num) return { label: "", suff: "nothing" };
    const abs = this.abstractOf(num);
    const levelOf = (l: number): Level | undefined => num.levels.get(l) ?? abs?.get(l);
    const level = levelOf(ilvl);
    if (!level) return { label: "", suff: "nothing" };
    // Lists with overrides count on their own; others share their abstract list's count.
    const key = num.starts.size > 0 || num.levels.size > 0 ? `n${numId}` : `a${num.abstractId}`;
    let counts = this.counts.get(key);
    if (!counts) this.counts.set(key, (counts = []));
    const startOf = (l: number) => num.starts.get(l) ?? levelOf(l)?.start ?? 1;
    counts[ilvl] = counts[ilvl] === undefined ? startOf(ilvl) : counts[ilvl] + 1;
    counts.length = ilvl + 1; // deeper levels restart
    if (level.fmt === "bullet") return { label: "", suff: "nothing" };
    const label = level.text.replace(/%([1-9])/g, (_, d: string) => {
      const l = Number(d) - 1;
      if (l > ilvl) return "";
      const v = counts![l] ?? startOf(l);
      return formatNumber(v, level.isLgl && l < ilvl ? "decimal" : (levelOf(l)?.fmt ?? "decimal"));
    });
    return { label, suff: level.suff };
  }

  styleNumPr(styleId: string | undefined): { numId?: string; ilvl?: number } {
    let id = styleId;
    for (let guard = 0; id && guard < 20; guard++) {
      const s = this.styles.get(id);
      if (!s) break;
      if (s.numId !== undefined) return { numId: s.numId, ilvl: s.ilvl };
      id = s.basedOn;
    }
    return {};
  }
}

// ---------------------------------------------------------------- document

/** Elements whose content is not shown text: alternatives already shown, revision history, deleted text. */
const SKIP = new Set(["mc:Fallback", "pPrChange", "rPrChange", "numberingChange", "del", "moveFrom", "instrText", "delText", "delInstrText"]);

interface Para {
  text: string;
  styleId?: string;
  numId?: string;
  ilvl?: number;
  hidden: boolean;
}

function readDocument(part: Part, name: string, counter: Counter): string[] {
  const out: string[] = [];
  const path: string[] = [];
  const paras: Para[] = [];
  let skipAt = -1;
  let runHidden = false;
  part.parse(name, {
    open(qn, a) {
      const ln = qn;
      const parent = path[path.length - 1];
      path.push(ln);
      if (skipAt >= 0) return;
      if (SKIP.has(ln)) {
        skipAt = path.length;
        return;
      }
      const p = paras[paras.length - 1];
      switch (ln) {
        case "p":
          paras.push({ text: "", hidden: false });
          return;
        case "r":
          runHidden = false;
          return;
        case "vanish":
        case "specVanish":
          if (parent === "rPr" && path[path.length - 3] === "r") runHidden = on(a);
          else if (parent === "rPr" && path[path.length - 3] === "pPr" && p) p.hidden = on(a);
          return;
        case "pStyle":
          if (p && parent === "pPr") p.styleId = val(a);
          return;
        case "numId":
          if (p && parent === "numPr") p.numId = val(a);
          return;
        case "ilvl":
          if (p && parent === "numPr") p.ilvl = Number(val(a) ?? 0);
          return;
      }
      if (!p || parent !== "r" || runHidden) return;
      if (ln === "tab" || ln === "ptab") p.text += "\t";
      else if (ln === "br" || ln === "cr") p.text += "\n";
      else if (ln === "noBreakHyphen") p.text += "-";
    },
    close() {
      const ln = path.pop()!;
      if (skipAt >= 0) {
        if (path.length < skipAt) skipAt = -1;
        return;
      }
      if (ln !== "p") return;
      const p = paras.pop();
      if (!p) return;
      let numId = p.numId;
      let ilvl = p.ilvl;
      if (numId === undefined) ({ numId, ilvl } = counter.styleNumPr(p.styleId));
      else if (ilvl === undefined) ilvl = counter.styleNumPr(p.styleId).ilvl;
      let text = p.text;
      if (numId && numId !== "0") {
        const { label, suff } = counter.label(numId, ilvl ?? 0);
        if (label) {
          const body = trimPara(text);
          const sep = suff === "nothing" || /[、．.）)：:]$/.test(label) || /^[\p{Script=Han}“（《]/u.test(body) ? "" : " ";
          text = label + sep + body;
        }
      }
      if (p.hidden) return;
      for (const line of text.split("\n")) {
        const t = trimPara(line);
        if (t) out.push(t);
      }
    },
    text(t) {
      if (skipAt >= 0 || runHidden) return;
      const p = paras[paras.length - 1];
      if (p && path[path.length - 1] === "t") p.text += t;
    },
  });
  return out;
}

export const readDocx: Reader = async (bytes: Buffer, path: string, opts?: ReaderOptions): Promise<ExtractedText> => {
  const limits = startRead(bytes, path, "DOCX", opts);
  const part = openZipPackage(bytes, path, "DOCX", limits, Part);
  const rootRels = part.has("_rels/.rels") ? readRels(part, "_rels/.rels", "") : new Map<string, string>();
  const main = [rootRels.get("officeDocument"), "word/document.xml"].find((n) => n && part.has(n));
  if (!main) {
    throw docError("format_invalid", path, `${path}: not a Word document (the archive has no word/document.xml)`, {
      entries: part.names().slice(0, 20),
    });
  }
  const dir = main.slice(0, main.lastIndexOf("/") + 1);
  const relsName = `${dir}_rels/${main.slice(dir.length)}.rels`;
  const rels = part.has(relsName) ? readRels(part, relsName, dir) : new Map<string, string>();
  const pick = (type: string, fallback: string) => [rels.get(type), dir + fallback].find((n) => n && part.has(n));
  const styles = readStyles(part, pick("styles", "styles.xml"));
  const numbering = readNumbering(part, pick("numbering", "numbering.xml"));
  const paragraphs = readDocument(part, main, new Counter(numbering, styles));
  return { text: paragraphs.join("\n"), format: "docx", encoding: "utf-8", ocr: false };
};
