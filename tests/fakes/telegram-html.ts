/**
 * Telegram's `parse_mode: "HTML"` parser, following the rules of tdlib's
 * `parse_html` (td/telegram/MessageEntity.cpp), which is what the Bot API server
 * runs. Error texts are tdlib's, so a fake server can answer
 * `400 Bad Request: can't parse entities: <message>` exactly like Telegram.
 *
 * Offsets in error messages are UTF-8 byte offsets (as Telegram reports them);
 * entity offsets/lengths are UTF-16 code units (as the Bot API returns them).
 */

export interface TgEntity {
  type: string;
  offset: number;
  length: number;
  url?: string;
  language?: string;
  custom_emoji_id?: string;
  user?: { id: number; is_bot: boolean; first_name: string };
}

export type HtmlParseResult = { ok: true; text: string; entities: TgEntity[] } | { ok: false; error: string };

const SUPPORTED_TAGS = new Set([
  "a",
  "b",
  "strong",
  "i",
  "em",
  "s",
  "strike",
  "del",
  "u",
  "ins",
  "tg-spoiler",
  "tg-emoji",
  "span",
  "pre",
  "code",
  "blockquote",
]);

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SLASH = 0x2f;
const EQ = 0x3d;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const HASH = 0x23;
const SEMI = 0x3b;

// tdlib's is_space() treats NUL as space; reading past the end yields NUL.
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0 || c === 0x0b || c === 0x0c;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isAlpha = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isAlnum = (c: number) => isDigit(c) || isAlpha(c);
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);

class ParseError extends Error {}

interface Open {
  tag: string;
  argument: string;
  expandable: boolean;
  utf16Offset: number;
  resultPos: number;
}

/** Parses Telegram-flavoured HTML. Never throws. */
export function parseTelegramHtml(html: string): HtmlParseResult {
  try {
    return { ok: true, ...parse(html) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

function parse(html: string): { text: string; entities: TgEntity[] } {
  const b = Buffer.from(html, "utf8");
  const n = b.length;
  const at = (i: number) => (i < n ? b[i]! : 0);
  const out: number[] = [];
  const entities: TgEntity[] = [];
  const nested: Open[] = [];
  let utf16 = 0;
  let badSurrogate = false;

  const appendCode = (code: number) => {
    if (code >= 0xd800 && code <= 0xdfff) badSurrogate = true;
    for (const byte of Buffer.from(String.fromCodePoint(code), "utf8")) out.push(byte);
  };
  /** Returns [codePoint, nextIndex] or null when `&` does not start a supported entity. */
  const decodeEntity = (pos: number): [number, number] | null => {
    let end = pos + 1;
    let res = 0;
    if (at(pos + 1) === HASH) {
      end++;
      if (at(pos + 2) === 0x78 /* x */) {
        end++;
        while (isHex(at(end))) res = res * 16 + parseInt(String.fromCharCode(at(end++)), 16);
      } else {
        while (isDigit(at(end))) res = res * 10 + (at(end++) - 0x30);
      }
      if (res === 0 || res >= 0x10ffff || end - pos >= 10) return null;
    } else {
      while (isAlpha(at(end))) end++;
      const name = b.subarray(pos + 1, end).toString("latin1");
      const map: Record<string, number> = { lt: 0x3c, gt: 0x3e, amp: 0x26, quot: 0x22 };
      if (!(name in map)) return null; // unsupported named entity: kept literally
      res = map[name]!;
    }
    return [res, at(end) === SEMI ? end + 1 : end];
  };
  const lower = (from: number, to: number) => b.subarray(from, to).toString("utf8").toLowerCase();

  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === AMP) {
      const decoded = decodeEntity(i);
      if (decoded) {
        const [code, next] = decoded;
        utf16 += code > 0xffff ? 2 : 1;
        appendCode(code);
        i = next - 1;
        continue;
      }
    }
    if (c !== LT) {
      if ((c & 0xc0) !== 0x80) utf16 += c >= 0xf0 ? 2 : 1;
      out.push(c);
      continue;
    }

    const begin = i++;
    if (at(i) !== SLASH) {
      // start tag
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      if (at(i) === 0) throw new ParseError(`Unclosed start tag at byte offset ${begin}`);
      const tag = lower(begin + 1, i);
      if (!SUPPORTED_TAGS.has(tag)) throw new ParseError(`Unsupported start tag "${tag}" at byte offset ${begin}`);

      let argument = "";
      let expandable = false;
      while (at(i) !== GT) {
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === GT) break;
        if (at(i) === 0) throw new ParseError(`Unclosed start tag at byte offset ${begin}`);
        const attrBegin = i;
        while (!isSpace(at(i)) && at(i) !== EQ && at(i) !== GT) i++;
        const attrName = b.subarray(attrBegin, i).toString("utf8");
        if (attrName === "") throw new ParseError(`Empty attribute name in the tag "${tag}" at byte offset ${begin}`);
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) !== EQ) {
          // attribute without a value, e.g. <blockquote expandable>
          if (at(i) === 0) throw new ParseError(`Unclosed start tag at byte offset ${begin}`);
          if (tag === "blockquote" && attrName.toLowerCase() === "expandable") expandable = true;
          continue;
        }
        i++;
        while (at(i) !== 0 && isSpace(at(i))) i++;
        if (at(i) === 0) throw new ParseError(`Unclosed start tag "${tag}" at byte offset ${begin}`);
        let value: string;
        if (at(i) !== SQUOTE && at(i) !== DQUOTE) {
          const tokenBegin = i;
          while (isAlnum(at(i)) || at(i) === 0x2e || at(i) === 0x2d) i++;
          value = lower(tokenBegin, i);
          if (!isSpace(at(i)) && at(i) !== GT) throw new ParseError(`Unexpected end of name token at byte offset ${tokenBegin}`);
        } else {
          const quote = at(i++);
          const bytes: number[] = [];
          while (at(i) !== quote && at(i) !== 0) {
            if (at(i) === AMP) {
              const decoded = decodeEntity(i);
              if (decoded) {
                for (const byte of Buffer.from(String.fromCodePoint(decoded[0]), "utf8")) bytes.push(byte);
                i = decoded[1];
                continue;
              }
            }
            bytes.push(at(i++));
          }
          if (at(i) === quote) i++;
          value = Buffer.from(bytes).toString("utf8");
        }
        if (at(i) === 0) throw new ParseError(`Unclosed start tag at byte offset ${begin}`);
        if (tag === "a" && attrName === "href") argument = value;
        else if (tag === "code" && attrName === "class" && value.startsWith("language-")) argument = value.slice(9);
        else if (tag === "span" && attrName === "class" && value.startsWith("tg-")) argument = value.slice(3);
        else if (tag === "tg-emoji" && attrName === "emoji-id") argument = value;
      }
      if (tag === "span" && argument !== "spoiler") {
        throw new ParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${begin}`);
      }
      nested.push({ tag, argument, expandable, utf16Offset: utf16, resultPos: out.length });
    } else {
      // end tag
      if (nested.length === 0) throw new ParseError(`Unexpected end tag at byte offset ${begin}`);
      while (!isSpace(at(i)) && at(i) !== GT) i++;
      const endTag = lower(begin + 2, i);
      while (isSpace(at(i)) && at(i) !== 0) i++;
      if (at(i) !== GT) throw new ParseError(`Unclosed end tag at byte offset ${begin}`);
      const open = nested[nested.length - 1]!;
      if (endTag !== "" && endTag !== open.tag) {
        throw new ParseError(`Unmatched end tag at byte offset ${begin}, expected "</${open.tag}>", found "</${endTag}>"`);
      }
      if (utf16 > open.utf16Offset) {
        const offset = open.utf16Offset;
        const length = utf16 - offset;
        const last = entities[entities.length - 1];
        switch (open.tag) {
          case "i":
          case "em":
            entities.push({ type: "italic", offset, length });
            break;
          case "b":
          case "strong":
            entities.push({ type: "bold", offset, length });
            break;
          case "s":
          case "strike":
          case "del":
            entities.push({ type: "strikethrough", offset, length });
            break;
          case "u":
          case "ins":
            entities.push({ type: "underline", offset, length });
            break;
          case "tg-spoiler":
          case "span":
            entities.push({ type: "spoiler", offset, length });
            break;
          case "tg-emoji":
            if (!/^\d+$/.test(open.argument) || /^0+$/.test(open.argument)) {
              throw new ParseError("Invalid custom emoji identifier specified");
            }
            entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: open.argument });
            break;
          case "a": {
            const url = open.argument || Buffer.from(out.slice(open.resultPos)).toString("utf8");
            const userId = /^tg:\/\/user\?id=(\d+)$/i.exec(url);
            if (userId) {
              entities.push({ type: "text_mention", offset, length, user: { id: Number(userId[1]), is_bot: false, first_name: "" } });
            } else if (/^[a-z][a-z0-9+.-]*:/i.test(url) || /^[\w-]+(\.[\w-]+)+/.test(url)) {
              // tdlib drops links it cannot check instead of failing
              entities.push({ type: "text_link", offset, length, url: /^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}/` });
            }
            break;
          }
          case "pre":
            if (last && last.type === "code" && last.offset === offset && last.length === length && last.language) {
              last.type = "pre";
            } else {
              entities.push({ type: "pre", offset, length });
            }
            break;
          case "code":
            if (last && last.type === "pre" && last.offset === offset && last.length === length && open.argument) {
              last.language = open.argument;
            } else {
              entities.push({ type: "code", offset, length, ...(open.argument ? { language: open.argument } : {}) });
            }
            break;
          case "blockquote":
            entities.push({ type: open.expandable ? "expandable_blockquote" : "blockquote", offset, length });
            break;
        }
      }
      nested.pop();
    }
  }
  if (nested.length > 0) {
    throw new ParseError(`Can't find end tag corresponding to start tag "${nested[nested.length - 1]!.tag}"`);
  }
  for (const e of entities) if (e.type === "code") delete e.language;
  if (badSurrogate) {
    throw new ParseError("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units");
  }
  entities.sort((x, y) => x.offset - y.offset || y.length - x.length);
  return { text: Buffer.from(out).toString("utf8"), entities };
}

/**
 * Telegram strips leading and trailing whitespace from message texts; entities
 * are shifted/clipped accordingly.
 */
export function trimFormatted(text: string, entities: TgEntity[]): { text: string; entities: TgEntity[] } {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const end = start + trimmed.length;
  const out: TgEntity[] = [];
  for (const e of entities) {
    const s = Math.max(e.offset, start);
    const t = Math.min(e.offset + e.length, end);
    if (t > s) out.push({ ...e, offset: s - start, length: t - s });
  }
  return { text: trimmed, entities: out };
}
