/**
 * Whether a record may be shown to the public: from its own mark where it has
 * one («此件公开发布», «主动公开» → public; «内部资料», «不予公开», «依申请公开»,
 * «秘密» → internal), else from the page's 公开方式, else from the operator's
 * rule for its folder, else internal — nothing unmarked leaks by default.
 */
import type { PageFacts } from "./clutter.js";
import type { Visibility } from "./schema.js";

const PUBLIC_MARK = /(此件|本件)?(公开发布|主动公开)/;
const NON_PUBLIC_MARK = /(不予公开|不公开|依申请公开|内部|机密|秘密)/;
/** In a report, a mark is a line of its own, not a word in a sentence. */
const LINE_PUBLIC = /^[（(【]?\s*(?:此件|本件)?(?:公开发布|主动公开)\s*[）)】]?$/;
const LINE_INTERNAL =
  /^[（(【]?\s*(?:此件|本件)?(?:不予公开|不公开|依申请公开|内部资料|内部使用|内部文件|内部刊物|注意保存|机密|秘密|绝密)(?:[，,\s★]*\S{0,12})?[）)】]?$/;

export interface VisibilityEvidence {
  /** Header and closing of a formal 纪要, where its mark stands. */
  marks: string;
  /** Short paragraphs of any other record, each of which may be a mark line. */
  lines: string[];
  page: PageFacts;
  operator?: Visibility;
}

export function recordVisibility(e: VisibilityEvidence): Visibility {
  if (e.marks && (PUBLIC_MARK.test(e.marks) || NON_PUBLIC_MARK.test(e.marks))) {
    return PUBLIC_MARK.test(e.marks) && !NON_PUBLIC_MARK.test(e.marks) ? "public" : "internal";
  }
  if (e.lines.some((l) => LINE_INTERNAL.test(l))) return "internal";
  if (e.lines.some((l) => LINE_PUBLIC.test(l))) return "public";
  return e.page.disclosure ?? e.operator ?? "internal";
}
