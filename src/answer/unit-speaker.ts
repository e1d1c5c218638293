import { unitCore } from "../index/lexicon.js";

/**
 * «市医保局对长期护理保险支付作了什么表态», «财政金融局负责人在调度会上讲了什么»: a unit asked for what it said.
 * Not a unit spoken to («会议对住建局提了什么要求»): the unit opens the question or follows a place, never «对», «给», «向».
 */
const UNIT_ASKED =
  /(?<![对给向请])([\p{Script=Han}]{2,12}?(?:局|委员会|委|办公室|办|院|中心|公司|集团|所|站|厅|署))(?:的)?(?:主要)?(?:负责人|负责同志|领导|代表|局长|主任|院长|经理)?(?:在[^，。？?]{0,14}?上)?(?:对[^，。？?]{0,20}?)?(?:讲了|说了|讲话|发言|表态|作了什么表态|怎么回应|回应|汇报了|介绍了|谈了|怎么说)/u;

/** What a unit does when it speaks in a record: «…表示», «…提出», «听取了…的汇报». */
const SPEECH = /表示|提出|汇报|介绍|说|指出|建议|回应|表态|认为|强调|发言|答复|承诺|通报|解读|讲/;

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
