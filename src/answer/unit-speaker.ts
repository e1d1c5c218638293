import { unitCore } from "../index/lexicon.js";
import { fold } from "../index/tokenize.js";
import type { Attendance } from "../minutes/schema.js";

/**
 * «市医保局对长期护理保险支付作了什么表态», «财政金融局负责人在调度会上讲了什么»: a unit asked for what it said.
 * Not a unit spoken to («会议对住建局提了什么要求»): the unit opens the question or follows a place, never «对», «给», «向».
 */
const UNIT_ASKED =
  /(?<![对给向请])([\p{Script=Han}]{2,12}?(?:局|委员会|委|办公室|办|院|中心|公司|集团|所|站|厅|署))(?:的)?(?:主要)?(?:负责人|负责同志|领导|代表|局长|主任|院长|经理)?(?:在[^，。？?]{0,14}?上)?(?:对[^，。？?]{0,20}?)?(?:讲了|说了|讲话|发言|表态|作了什么表态|怎么回应|回应|汇报了|介绍了|谈了|怎么说)/u;

/** What a unit does when it speaks in a record: «…表示», «…提出», «听取了…的汇报». */
const SPEECH = /表示|提出|提[：:]|汇报|介绍|说|指出|建议|回应|表态|认为|强调|发言|答复|承诺|通报|解读|讲/;

/** How far after the unit's name its speech verb may stand («市民政局局长韩雪梅介绍，…»). */
const SPEECH_REACH = 24;

/** The unit a question asks a statement of («市医保局»), or null. Folded question. */
export function unitAskedToSpeak(question: string): string | null {
  const m = UNIT_ASKED.exec(question);
  // The match opens at the question's start: the unit is what follows the last «上», «的», «和» before it («协商会上|市医保局»).
  return m ? m[1].replace(/^.*[上的在和与、，]/u, "") || null : null;
}

/**
 * True when a folded text has the unit speak: its name (or its name without the place, «医保局») followed within
 * SPEECH_REACH characters, in the same sentence, by a speech verb.
 */
export function unitSpeaks(unit: string, text: string): boolean {
  const names = [...new Set([unit, unitCore(unit), unit.replace(/^[\p{Script=Han}]{1,4}?[市县区镇](?=[\p{Script=Han}]{2})/u, "")])].filter(
    (n) => n.length >= 2,
  );
  for (const name of names) {
    for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + name.length)) {
      const after = text.slice(at + name.length, at + name.length + SPEECH_REACH).split(/[。；;\n]/)[0];
      if (SPEECH.test(after)) return true;
    }
  }
  return false;
}

/**
 * «郑凯在议事会上说了什么», «县长柯文斌作了什么部署»: a person (two or three characters before what is asked of
 * them) asked for what they said. Words of a meeting («会议», «这次») are no name.
 */
const PERSON_ASKED =
  /([\p{Script=Han}]{2,3}?)(?:议员|先生|女士|同志)?(?:在[^，。？?]{0,16}?上)?(?:都|又|还)?(?:作了什么|做了什么|说了什么|讲了什么|提了什么|提出了什么|怎么说|发言(?!精神)|表态|有什么要求|要求什么|建议什么|讲话(?!精神)|强调了什么|部署了什么)/u;
const NOT_A_NAME = /[会议上的了在是这那次么什们大家各方]|^(?:副|县长|市长|区长|镇长|书记|主任|局长|主席|代表|委员|领导)/u;

/** The person a question asks a statement of, as the question writes them, or null. Folded question. */
export function personAskedToSpeak(question: string): string | null {
  // «是谁传达的…讲话精神» asks who, not what someone said.
  if (/谁|哪位/.test(question)) return null;
  const m = PERSON_ASKED.exec(question);
  if (!m) return null;
  const name = m[1].replace(/^[的长]/u, "");
  return name.length >= 2 && !NOT_A_NAME.test(name) ? name : null;
}

/**
 * True when a folded record writes `name` as a person: a whole name on its attendance lists (an entry, or an entry's
 * end after a unit or post: «市市场监管局方海»), after a post («县长柯文斌»), or with a courtesy title («李伟伦议员»).
 * A phrase the question's cut made («场监管», «情防控») is none.
 */
export function writesPerson(name: string, text: string, attendance: Attendance | null): boolean {
  const a = attendance;
  const listed = a
    ? [...a.present, ...a.attending.map((x) => x.name), ...a.other.flatMap((o) => o.replace(/^[^：]{1,4}：/, "").split(/[、，,；;\s]+/))].map(fold)
    : [];
  if (listed.some((entry) => entry === name || (entry.endsWith(name) && entry.length > name.length + 1))) return true;
  return new RegExp(`(?:书记|[县市区镇乡]长|主任|主席|委员|经理|局长|秘书长|代表)${name}|${name}(?:议员|先生|女士|同志)`, "u").test(text);
}
