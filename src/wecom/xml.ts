/** WeCom's callback XML: one flat <xml> element whose children hold text or CDATA. */
import { parseXmlNs } from "../minutes/readers/sax.js";

/** The children of <xml> by name (`Encrypt`, `FromUserName`, `Content`, …). Throws XmlError on malformed XML or a DOCTYPE. */
export function readFlatXml(xml: string): Record<string, string> {
  const fields: Record<string, string> = {};
  let depth = 0;
  let current: string | null = null;
  parseXmlNs(
    xml,
    {
      open(el) {
        depth++;
        current = depth === 2 ? el.local : null;
        if (current) fields[current] = "";
      },
      close() {
        depth--;
        current = null;
      },
      text(t) {
        if (current) fields[current] += t;
      },
    },
    { maxDepth: 4, maxElements: 100 },
  );
  return fields;
}
