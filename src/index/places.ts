import type { Minutes } from "../minutes/schema.js";
import { fold, tagged } from "./tokenize.js";

/**
 * The places a record names as its own (its title, issuer, meeting and body; a meeting's or document's opening when
 * none of those does): what a question naming a place is scoped by, and words the cutter must keep whole.
 */

/** Characters that make «X市» a scope, not a place: 全市, 本市, 该县, 各区. */
export const NOT_PLACE = /^[全本该各我你贵城市县区省镇乡村个片小社街辖分一二三四五六七八九十]/;

/** «城镇», «城乡», «乡镇», «集镇» are words, not a place «…城» with its 镇. */
export const TOWN_WORD = /[城乡村集市][镇鎮乡鄉]$/;
// «蔚岭经开区», «松湖高新区»: a development zone is named by its place like a 区.
const PLACE_SUFFIX = "经济技术开发区|经开区|高新区|开发区|省|市|县|縣|区|區|镇|鎮|乡|鄉|街道";
export const PLACE_NAME = new RegExp(`([\\p{Script=Han}]{2,3}?)(?:${PLACE_SUFFIX})`, "gu");
const placeCache = new WeakMap<Minutes, string[]>();
/** How far into a record with no place in its head its own place is looked for. */
export const OPENING_PLACE_CHARS = 200;
/** The place names (without 市/县/区) a record's title, issuer, meeting and body give; else a meeting's or document's opening. */
export function placesOf(m: Minutes): string[] {
  let out = placeCache.get(m);
  if (!out) {
    const own = fold(`${m.title} ${m.issuer ?? ""} ${m.meeting.name ?? ""} ${m.meeting.body ?? ""}`);
    const placesIn = (texts: string) =>
      [...texts.matchAll(PLACE_NAME)]
        .filter((x) => !TOWN_WORD.test(x[0]))
        .map((x) => x[1])
        .filter((p) => !NOT_PLACE.test(p) && !/政府|人民|常务|会议/.test(p) && !isVerb(p));
    // «市十七届人大常委会第二十六次会议闭幕» names no place; its opening does («葑川市第十七届…»): the first place there,
    // as identity() places such a record by its opening.
    const named = placesIn(own);
    // Plain text (an article) names places anywhere: its opening's first is not its own (DRCD −5.4 points when it was).
    const opening = named.length || m.reading === "text" ? [] : placesIn(fold(m.text.slice(0, OPENING_PLACE_CHARS))).slice(0, 1);
    out = [...new Set([...named, ...opening])];
    placeCache.set(m, out);
  }
  return out;
}

/**
 * «召开» of «石砚县召开县政府办公会议» stands before a 县 without being a place: a word the cutter tags as a verb is
 * none, nor one ending in a verb of two characters («持|召开» of «马立群县长主持召开县政府常务会议»).
 */
function isVerb(word: string): boolean {
  const t = tagged(word);
  return (t.length === 1 && /^v/.test(t[0].tag)) || (t.length > 1 && /^v/.test(t[t.length - 1].tag) && t[t.length - 1].word.length >= 2);
}

const unnamedCache = new WeakMap<Minutes, string>();
/**
 * The place a record's opening gives when its title and issuer give none («葑川市» of «8月28日下午，葑川市第十七届…»
 * under «市十七届人大常委会第二十六次会议闭幕»), with a space before it; else "". Read like the record's heading: a
 * question naming the place is about this record, though no sentence of it repeats the place.
 */
export function unnamedPlace(m: Minutes): string {
  let out = unnamedCache.get(m);
  if (out === undefined) {
    out = "";
    const places = placesOf(m);
    const own = fold(`${m.title} ${m.issuer ?? ""}`);
    if (m.reading !== "text" && places.length && ![...own.matchAll(PLACE_NAME)].some((x) => places.includes(x[1]))) {
      const head = fold(m.text.slice(0, OPENING_PLACE_CHARS));
      const at = head.indexOf(places[0]);
      const whole = at < 0 ? null : new RegExp(`^${places[0]}(?:${PLACE_SUFFIX})`, "u").exec(fold(m.text.slice(at, at + 12)));
      if (whole) out = ` ${whole[0]}`;
    }
    unnamedCache.set(m, out);
  }
  return out;
}
