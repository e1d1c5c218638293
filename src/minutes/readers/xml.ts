/**
 * A small, strict, streaming XML parser for OOXML parts: well-formedness is checked
 * (matching tags, one root, attribute syntax, known entities), DOCTYPE is refused
 * (no entity expansion), nothing is built but what the handler keeps.
 */

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

export interface XmlHandler {
  /** `name` is the qualified name as written (w:p); attribute names too. */
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

const MAX_DEPTH = 2_000;
const NAME = /^[A-Za-z_:\u00c0-\uffff][\w.:\-\u00b7\u00c0-\uffff]*$/;

export function decodeEntities(s: string, offset = 0): string {
  if (!s.includes("&")) return s;
  return s.replace(/&(?:([^;&\s<]{1,32});)?/g, (m, e: string | undefined, at: number) => {
    switch (e) {
      case undefined:
        throw new XmlError("unescaped &", offset + at);
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return '"';
      case "apos":
        return "'";
    }
    const n = /^#x[0-9a-f]+$/i.test(e) ? parseInt(e.slice(2), 16) : /^#\d+$/.test(e) ? parseInt(e.slice(1), 10) : NaN;
    if (!Number.isFinite(n) || n < 1 || n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) throw new XmlError(`unknown or invalid entity ${m}`, offset + at);
    return String.fromCodePoint(n);
  });
}

function parseAttrs(src: string, offset: number): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /\s*([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/y;
  let i = 0;
  while (i < src.length) {
    if (/^\s*$/.test(src.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(src);
    if (!m) throw new XmlError("malformed attribute", offset + i);
    const name = m[1];
    if (!NAME.test(name)) throw new XmlError(`bad attribute name ${name}`, offset + i);
    if (name in attrs) throw new XmlError(`duplicate attribute ${name}`, offset + i);
    attrs[name] = decodeEntities(m[2] ?? m[3] ?? "", offset + i);
    i = re.lastIndex;
  }
  return attrs;
}

/** Parses `src`, calling the handler; throws XmlError on malformed input. */
export function parseXml(src: string, h: XmlHandler): void {
  const stack: string[] = [];
  let rootSeen = false;
  let i = src.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = src.length;
  while (i < n) {
    const lt = src.indexOf("<", i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = src.slice(i, textEnd);
      if (stack.length === 0) {
        if (raw.trim() !== "") throw new XmlError("text outside the root element", i);
      } else h.text(decodeEntities(raw, i));
    }
    if (lt < 0) break;
    i = lt;
    if (src.startsWith("<?", i)) {
      const end = src.indexOf("?>", i + 2);
      if (end < 0) throw new XmlError("unterminated processing instruction", i);
      i = end + 2;
    } else if (src.startsWith("<!--", i)) {
      const end = src.indexOf("-->", i + 4);
      if (end < 0) throw new XmlError("unterminated comment", i);
      i = end + 3;
    } else if (src.startsWith("<![CDATA[", i)) {
      const end = src.indexOf("]]>", i + 9);
      if (end < 0) throw new XmlError("unterminated CDATA section", i);
      if (stack.length === 0) throw new XmlError("CDATA outside the root element", i);
      h.text(src.slice(i + 9, end));
      i = end + 3;
    } else if (src.startsWith("<!", i)) {
      throw new XmlError("DOCTYPE and other declarations are not allowed in OOXML", i);
    } else if (src.startsWith("</", i)) {
      const end = src.indexOf(">", i + 2);
      if (end < 0) throw new XmlError("unterminated end tag", i);
      const name = src.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open !== name) throw new XmlError(open ? `</${name}> does not close <${open}>` : `unexpected </${name}>`, i);
      h.close(name);
      i = end + 1;
    } else {
      // Start tag: find its end, skipping over quoted attribute values.
      let j = i + 1;
      let quote = 0;
      for (; j < n; j++) {
        const c = src.charCodeAt(j);
        if (quote) {
          if (c === quote) quote = 0;
        } else if (c === 34 || c === 39) quote = c;
        else if (c === 62) break; // >
        else if (c === 60) throw new XmlError("< inside a tag", j);
      }
      if (j >= n) throw new XmlError("unterminated start tag", i);
      const selfClosing = src.charCodeAt(j - 1) === 47; // /
      const body = src.slice(i + 1, selfClosing ? j - 1 : j);
      const m = /^[^\s/>]+/.exec(body);
      if (!m || !NAME.test(m[0])) throw new XmlError("bad element name", i);
      const name = m[0];
      const attrs = parseAttrs(body.slice(name.length), i + 1 + name.length);
      if (stack.length === 0) {
        if (rootSeen) throw new XmlError("more than one root element", i);
        rootSeen = true;
      }
      h.open(name, attrs);
      if (selfClosing) h.close(name);
      else {
        if (stack.length >= MAX_DEPTH) throw new XmlError(`elements nested deeper than ${MAX_DEPTH}`, i);
        stack.push(name);
      }
      i = j + 1;
    }
  }
  if (stack.length > 0) throw new XmlError(`unclosed <${stack[stack.length - 1]}>`, n);
  if (!rootSeen) throw new XmlError("no root element", 0);
}

/** The local part of a qualified name: w:p → p. */
export const local = (name: string): string => {
  const c = name.indexOf(":");
  return c < 0 ? name : name.slice(c + 1);
};
