/**
 * Minutes that open with a table of fields instead of a sentence, common for
 * a bureau's 办公会 and for 专题会议: «会议时间：2023年5月8日上午», «会议地点：…»,
 * «主持人：王立新（局长）», «参加人员：…», «列席：…», «记录人：…», «议题：…»; and
 * the 会议记录 (會議紀錄) of townships, schools and committees: «时间：中华民国
 * 112年12月5日», «主席：区长 林秀凤　　纪录：陈怡君», «出席者：…», «列席者：…».
 */
import { westernDate } from "./dates.js";
import { ROLE } from "./speakers.js";

const LABEL =
  "时间|日期|地点|主持人?|主席|秘书|主持单位|出席(?:人员|领导|者|人)?|参加(?:人员|单位|领导|者)?|参会(?:人员|单位|者)?|与会(?:人员|者)?|列席(?:人员|单位|者)?|请假(?:人员|者)?|缺席(?:人员|者)?|记录(?:人)?|纪录(?:人)?|议题|主题|名称";
/** A field label at the start of a line, numbered or not: «一、时间：…», «（三）主持人：…» (a 乡务会议纪录). */
const FIELD_START = new RegExp(
  `^(?:(?:[一二三四五六七八九十]{1,3}|\\d{1,2})[、.．]|[（(](?:[一二三四五六七八九十]{1,3}|\\d{1,2})[）)])?\\s*(?:会议)?(${LABEL})\\s*[：:]`,
);
/**
 * A roster's label alone on its line, without a colon, its people on the lines below
 * («出席者», «缺席者», «秘書» over «何某某女士　行政主任»: a 區議會 會議紀要).
 */
const ROSTER_LABEL = /^[\s\u3000]*(出席(?:人员|者)?|缺席(?:人员|者)?|列席(?:人员|者)?|请假(?:人员|者)?|秘书)[\s\u3000]*$/;
/**
 * A further field on the same line: «主席：区长 林秀凤　　纪录：陈怡君». Normalizing removed
 * the spaces between Chinese characters («主席：区长林秀凤纪录：陈怡君»), so the label and its colon mark it.
 */
const FIELD_AFTER = new RegExp(`[\\s\\u3000]*(?:会议)?(${LABEL})\\s*[：:]`, "g");

/** The one name of a field whatever its wording: «主持人», «主席» → 主持; «与会人员», «出席者» → 出席. */
// The 秘书 of a 會議紀錄 keeps the record.
const FIELD_NAMES: Record<string, string> = { 日期: "时间", 主席: "主持", 纪录: "记录", 与会: "出席", 秘书: "记录" };

function fieldName(label: string): string {
  const key = label.replace(/人员|领导|单位|者$|人$/, "");
  return FIELD_NAMES[key] ?? key;
}

/** The fields of one line, in order; empty when the line does not start with one. */
export function fieldsOfLine(line: string): [name: string, value: string][] {
  const alone = ROSTER_LABEL.exec(line);
  if (alone) return [[fieldName(alone[1]), ""]];
  const first = FIELD_START.exec(line);
  if (!first) return [];
  const out: [string, string][] = [];
  let name = fieldName(first[1]);
  let from = first[0].length;
  for (const m of line.slice(from).matchAll(FIELD_AFTER)) {
    out.push([name, line.slice(from, from + m.index).trim()]);
    name = fieldName(m[1]);
    from += m.index + m[0].length;
  }
  out.push([name, line.slice(from).trim()]);
  return out;
}

export interface FieldBlock {
  /** Paragraph indexes of the first and last field line. */
  from: number;
  to: number;
  fields: Map<string, string>;
}

/** A line of a roster under its label: names and posts, no sentence, no agenda heading («議程一：…», «一、…»). */
const ROSTER_LINE = /^(?![一二三四五六七八九十]+、|议程|\d+[.．、])[^。；：:]{2,80}$/;
/** A post and its holder set apart by a gap («主席　　梁某某議員»): one entry, the post before the name. */
const ROLE_GAP = /^((?:副)?(?:主席|主任|秘书|委员))[\s\u3000]+/;

/** The field block near the top of a record, when it has a date and a chair or agenda. */
export function fieldBlock(paras: readonly { text: string }[]): FieldBlock | null {
  const fields = new Map<string, string>();
  let from = -1;
  let to = -1;
  for (let i = 0; i < Math.min(paras.length, 24); i++) {
    const found = fieldsOfLine(paras[i].text);
    if (found.length === 0) {
      if (from >= 0 && i - to > 1) break;
      continue;
    }
    // «出席者：» with its people on the lines below («主席　梁某某議員», «鄧某議員、麥某議員»): those lines are its value.
    const below: string[] = [];
    const last = found[found.length - 1];
    for (let j = i + 1; last[1] === "" && j < paras.length && below.length < 8; j++) {
      const t = paras[j].text.trim();
      if (!t || fieldsOfLine(t).length || !ROSTER_LINE.test(t)) break;
      below.push(t.replace(ROLE_GAP, "$1 "));
    }
    if (below.length) last[1] = below.join("、");
    for (const [key, value] of found) if (!fields.has(key) || fields.get(key) === "") fields.set(key, value);
    if (from < 0) from = i;
    to = i + below.length;
    i = to;
  }
  // «主席　梁某某議員» heading the people present (a 區議會 紀錄): the chair, when no field names one.
  const chairLine = /^主席\s*([\u4e00-\u9fa5]{2,4}?)(?:议员|先生|女士)?(?=[、，,；;\s]|$)/.exec(fields.get("出席") ?? "");
  if (chairLine && !fields.get("主持")) fields.set("主持", `主席${chairLine[1]}`);
  if (from < 0 || !/\d{1,2}月\d{1,2}日/.test(westernDate(fields.get("时间") ?? ""))) return null;
  if (!fields.has("主持") && !fields.has("议题") && !fields.has("出席") && !fields.has("参加")) return null;
  return { from, to, fields };
}

/**
 * The opening sentence the fields stand for («2023年5月8日上午，局长王立新主持召开
 * 市住建局局长办公会议»), so one reading of meeting facts serves both shapes.
 */
export function openingOfFields(block: FieldBlock, meetingName: string): string {
  const f = block.fields;
  const when = westernDate(f.get("时间") ?? "")
    .replace(/[（(]星期.[）)]|星期.|\d{1,2}[:：]\d{2}(?:\s*[-—至]\s*\d{1,2}[:：]\d{2})?/g, "")
    .trim();
  // «王立新（局长）», «王立新 局长», «局长王立新»: the title before the name, as sentences write it.
  const chairField = (f.get("主持") ?? "").split(/[、，,；;]/)[0].trim();
  const paren = new RegExp(`^([\\u4e00-\\u9fa5]{2,4})\\s*[（(]?\\s*([\\u4e00-\\u9fa5、]{0,12}${ROLE})\\s*[）)]?$`).exec(chairField);
  // «韓市長承宇»: Taiwan writes the post between the surname and the given name.
  const split = /^([\u4e00-\u9fa5])((?:副)?(?:市长|县长|区长|乡长|镇长|主任|局长|处长|院长|秘书长|主委))([\u4e00-\u9fa5]{1,2})$/.exec(chairField);
  const chair = paren ? `${paren[2]}${paren[1]}` : split ? `${split[2]}${split[1]}${split[3]}` : chairField.replace(/\s+/g, "");
  return `${when}，${chair ? `${chair}主持` : ""}召开${meetingName}。`;
}

/** Words that end a title written before a name with a space: «秘书 黄国荣», «民政课课长 张志豪». */
const TITLE_END = /(?:长|主任|秘书|书记|委员|主席|干事|代表|老师|教师|会计|出纳|专员|科员|课员|助理|顾问|馆员|队员|组员|理事|监事)$/;

/**
 * The people of an attendance field: «秘书 黄国荣、民政课课长 张志豪» or «张三 李四 王五».
 * A title and its name stay one entry, as written; a list without 、 is split at spaces.
 */
export function peopleOfField(value: string): string[] {
  const out: string[] = [];
  for (const entry of value.replace(/[。.]$/, "").split(/[、，,；;]|[\s\u3000]{2,}/)) {
    const trimmed = entry.trim();
    let from = -1;
    for (const w of trimmed.matchAll(/[^\s\u3000]+/g)) {
      if (from < 0) from = w.index;
      if (TITLE_END.test(w[0])) continue;
      // «郑　禾»: a two-character name padded to the width of three in a typeset list.
      if (from === w.index && /^[\u3400-\u9fff]$/.test(w[0]) && /^[\s\u3000]*[\u3400-\u9fff](?:[\s\u3000]|$)/.test(trimmed.slice(w.index + 1))) continue;
      out.push(trimmed.slice(from, w.index + w[0].length));
      from = -1;
    }
    if (from >= 0) out.push(trimmed.slice(from));
  }
  return out.filter((x) => x.length >= 2);
}
