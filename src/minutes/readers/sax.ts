/**
 * Namespace-aware XML through saxes for document parts (DOCX, OFD): well-formedness and
 * namespaces are checked by saxes, DOCTYPE is refused (no entity declarations),
 * depth and element count are capped, and nothing is built but what the handler keeps.
 */
import { SaxesParser, type SaxesTagNS } from "saxes";

/** Malformed or refused XML; `offset` is the character position where it was found. */
export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
  }
}

/** An attribute with its namespace URI ("" for an unprefixed one). */
export interface SaxAttribute {
  local: string;
  uri: string;
  value: string;
}

/** An element as the handler sees it: local name, namespace URI, attributes by local name and with their namespaces. */
export interface SaxElement {
  local: string;
  uri: string;
  attrs: Record<string, string>;
  attributes: SaxAttribute[];
}

export interface SaxHandler {
  open(el: SaxElement): void;
  close(local: string): void;
  text(text: string): void;
}

export interface SaxLimits {
  /** Default 500. */
  maxDepth?: number;
  /** Default 2,000,000. */
  maxElements?: number;
}

/** Parses `src`, calling the handler; throws XmlError (with saxes' line:column) on malformed or refused input. */
export function parseXmlNs(src: string, h: SaxHandler, limits: SaxLimits = {}): void {
  const maxDepth = limits.maxDepth ?? 500;
  const maxElements = limits.maxElements ?? 2_000_000;
  const parser = new SaxesParser({ xmlns: true, position: true });
  let depth = 0;
  let elements = 0;
  parser.on("doctype", () => {
    throw new XmlError("DOCTYPE declarations are not allowed", parser.position);
  });
  parser.on("opentag", (tag: SaxesTagNS) => {
    if (++depth > maxDepth) throw new XmlError(`elements nested deeper than ${maxDepth}`, parser.position);
    if (++elements > maxElements) throw new XmlError(`more than ${maxElements} elements`, parser.position);
    const attrs: Record<string, string> = {};
    const attributes: SaxAttribute[] = [];
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === "xmlns" || a.name === "xmlns") continue;
      attrs[a.local] = a.value;
      attributes.push({ local: a.local, uri: a.uri, value: a.value });
    }
    h.open({ local: tag.local, uri: tag.uri, attrs, attributes });
  });
  parser.on("closetag", (tag: SaxesTagNS) => {
    depth--;
    h.close(tag.local);
  });
  parser.on("text", (t) => h.text(t));
  parser.on("cdata", (t) => h.text(t));
  try {
    parser.write(src).close();
  } catch (err) {
    if (err instanceof XmlError) throw err;
    // saxes errors read «file:line:column: message».
    throw new XmlError(`line ${(err as Error).message}`, parser.position);
  }
}
