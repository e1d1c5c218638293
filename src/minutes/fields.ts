/**
 * Minutes that open with a table of fields instead of a sentence, common for
 * a bureau's 办公会 and for 专题会议: «会议时间：2023年5月8日上午», «会议地点：…»,
 * «主持人：王立新（局长）», «参加人员：…», «列席：…», «记录人：…», «议题：…».
 */
import { ROLE } from "./speakers.js";

const FIELD =
  /^(?:会议)?(时间|日期|地点|主持人?|主持单位|出席(?:人员|领导)?|参加(?:人员|单位|领导)?|参会(?:人员|单位)?|列席(?:人员|单位)?|记录(?:人)?|议题|主题|名称)\s*[：:]\s*(.*)$/;

export interface FieldBlock {
  /** Paragraph indexes of the first and last field line. */
  from: number;
  to: number;
  fields: Map<string, string>;
}

/** The field block near the top of a record, when it has a date and a chair or agenda. */
export function fieldBlock(paras: readonly { text: string }[]): FieldBlock | null {
  const fields = new Map<string, string>();
  let from = -1;
  let to = -1;
  for (let i = 0; i < Math.min(paras.length, 24); i++) {
    const m = FIELD.exec(paras[i].text);
    if (!m) {
      if (from >= 0 && i - to > 1) break;
      continue;
    }
    const key = m[1].replace(/人员|领导|单位|人$/, "").replace(/^日期$/, "时间");
    if (!fields.has(key)) fields.set(key, m[2].trim());
    if (from < 0) from = i;
    to = i;
  }
  if (from < 0 || !/\d{1,2}月\d{1,2}日/.test(fields.get("时间") ?? "")) return null;
  if (!fields.has("主持") && !fields.has("议题") && !fields.has("出席") && !fields.has("参加")) return null;
  return { from, to, fields };
}

/**
 * The opening sentence the fields stand for («2023年5月8日上午，局长王立新主持召开
 * 市住建局局长办公会议»), so one reading of meeting facts serves both shapes.
 */
export function openingOfFields(block: FieldBlock, meetingName: string): string {
  const f = block.fields;
  const when = (f.get("时间") ?? "").replace(/[（(]星期.[）)]|星期.|\d{1,2}[:：]\d{2}(?:\s*[-—至]\s*\d{1,2}[:：]\d{2})?/g, "").trim();
  // «王立新（局长）», «王立新 局长», «局长王立新»: the title before the name, as sentences write it.
  const chairField = (f.get("主持") ?? "").split(/[、，,；;]/)[0].trim();
  const paren = new RegExp(`^([\\u4e00-\\u9fa5]{2,4})\\s*[（(]?\\s*([\\u4e00-\\u9fa5、]{0,12}${ROLE})\\s*[）)]?$`).exec(chairField);
  const chair = paren ? `${paren[2]}${paren[1]}` : chairField.replace(/\s+/g, "");
  return `${when}，${chair ? `${chair}主持` : ""}召开${meetingName}。`;
}
