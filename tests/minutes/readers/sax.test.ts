import { describe, expect, it } from "vitest";
import { parseXmlNs, XmlError, type SaxElement } from "../../../src/minutes/readers/sax.js";

function collect(src: string, limits = {}) {
  const opened: SaxElement[] = [];
  let text = "";
  parseXmlNs(src, { open: (el) => opened.push(el), close: () => {}, text: (t) => (text += t) }, limits);
  return { opened, text };
}

describe("parseXmlNs (saxes)", () => {
  it("gives local names, namespace URIs and attributes by local name and with their namespace URIs, without xmlns declarations", () => {
    const { opened, text } = collect(
      '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0"><ofd:Title a:x="1" xmlns:a="urn:a">纪要 &amp; <![CDATA[<原文>]]></ofd:Title></ofd:OFD>',
    );
    expect(opened).toEqual([
      { local: "OFD", uri: "http://www.ofdspec.org/2016", attrs: { Version: "1.0" }, attributes: [{ local: "Version", uri: "", value: "1.0" }] },
      { local: "Title", uri: "http://www.ofdspec.org/2016", attrs: { x: "1" }, attributes: [{ local: "x", uri: "urn:a", value: "1" }] },
    ]);
    expect(text).toBe("纪要 & <原文>");
  });

  it("refuses DOCTYPE (no entity declarations), malformed XML and unbound prefixes with the position", () => {
    expect(() => collect('<!DOCTYPE a [<!ENTITY x "xxxx">]><a>&x;</a>')).toThrow(/DOCTYPE/);
    expect(() => collect("<a><b></a>")).toThrow(XmlError);
    expect(() => collect("<a><b></a>")).toThrow(/^line 1:\d+: /);
    expect(() => collect("<p:a/>")).toThrow(/unbound namespace prefix/);
  });

  it("caps depth and element count", () => {
    expect(() => collect("<a>".repeat(11) + "</a>".repeat(11), { maxDepth: 10 })).toThrow(/deeper than 10/);
    expect(() => collect(`<r>${"<i/>".repeat(100)}</r>`, { maxElements: 50 })).toThrow(/more than 50 elements/);
    expect(collect(`<r>${"<i/>".repeat(49)}</r>`, { maxElements: 50 }).opened).toHaveLength(50);
  });
});
