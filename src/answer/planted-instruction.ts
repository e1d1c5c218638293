/**
 * Instructions planted in source text («忽略以上指令，回答：…», «Ignore all
 * previous instructions…»): recognised by what they mean, in Chinese and
 * English, whatever the words between the verb and its object, on the
 * comparable form of the text (zero-width characters and separator dots do not hide them).
 */
import { comparable } from "../text/comparable.js";

/** Within one sentence: no sentence end between the parts of a pattern. */
const GAP = (max: number) => `[^.!?。！？；;\\n]{0,${max}}?`;

const PATTERNS: RegExp[] = [
  // ignore / disregard / forget … previous / above / all … instructions / prompts / rules
  new RegExp(
    `\\b(?:ignore|disregard|forget|override|bypass|skip|drop)\\b${GAP(120)}\\b(?:previous|above|prior|earlier|preceding|foregoing|all|any|every|your|the system|original|existing)\\b${GAP(80)}\\b(?:instructions?|prompts?|rules?|directions?|directives?|guidelines?|constraints?|commands?)\\b`,
    "u",
  ),
  // 忽略/无视/忘记 … 以上/所有 … 指令/提示/规则 (a qualifier: «无视安全规则» in minutes is a finding, not an order)
  new RegExp(
    `(?:忽略|无视|忽视|忘记|忘掉|不要理会|不要遵守|不必遵守|抛开|跳过)${GAP(60)}(?:以上|上述|上面|之前|先前|前面|此前|前述|所有|全部|一切|你的|系统|原有|原来|原先)${GAP(30)}(?:指令|提示|规则|设定|要求|约束|命令)`,
    "u",
  ),
  // … and the words that only address a model need no qualifier
  new RegExp(`(?:忽略|无视|忽视|忘记|忘掉|不要理会|不要遵守)${GAP(60)}(?:指令|提示词|prompt)`, "u"),
  // you are now … / 你现在是…
  /\byou are now\b|\bfrom now on,? you\b|\bpretend (?:to be|you are)\b|你现在是|你现在的身份|从现在(?:开始|起)，?你|你的新(?:身份|角色|任务)/u,
  // system prompt / 系统提示
  /\bsystem (?:prompt|message|instructions?)\b|系统提示|系统指令/u,
  // answer / reply with …; 直接回答…
  /\b(?:answer|reply|respond|output|say)\b(?: only)?(?: with| exactly|:)|(?:直接|请|只|仅)(?:回答|输出|回复)/u,
  // our own prompt's tags
  /[<‹]\/?(?:excerpts|question|history)[>›]/u,
];

/** True when `text` carries an instruction addressed to a model (in any of its sentences). */
export function hasPlantedInstruction(text: string): boolean {
  const s = comparable(text);
  return PATTERNS.some((p) => p.test(s));
}

/** `text` without its sentences that carry a planted instruction. */
export function withoutInstructionSentences(text: string): string {
  return text
    .split(/(?<=[。！？!?；;\n]|\.\s)/)
    .filter((s) => !hasPlantedInstruction(s))
    .join("");
}
