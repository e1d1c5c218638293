import type { Intent } from "./types.js";

/** «这份纪要公开吗»: whether a record is published. */
export const ASKS_PUBLICATION = /公开吗|是否公开|公不公开|能否?公开|可以公开|可否公开|对外公开|公开(方式|状态|属性)|(内部|密级)(资料|文件)?吗/;
/** «哪个单位发的»: who sent the record out (the meta rule asks for «哪个/什么» before the body, so «是市政府办发的吗» is not taken). */
export const ASKS_ISSUER = /(单位|部门|机关)(印)?发的|谁(印)?发的|发文(单位|机关)/;

/** «专题会在哪开的», «会议地点»: where a meeting was held. */
export const ASKS_VENUE = /(在哪|在哪里|在哪儿|在什么地方|何处|地点).{0,4}(开会|开的|开了|召开|举行|举办)|(开会|召开|举行)的?(地点|在哪)|会议地点|开会地点/;

/** «纪录是谁», «谁做的记录», «记录人»: who took the record (记录 / 纪录). */
export const ASKS_RECORDER = /(记录|纪录)(人|员)?(是谁|是哪位|叫什么)|谁(做|作|负责|来)?的?(记录|纪录)|记录人|纪录人/;
/** «文号是多少», «纪要编号»: the record's document number as written («〔2024〕5号», «第6期»). */
export const ASKS_DOC_NUMBER = /文号|发文字号|(纪要|文件)(的)?编号|编号是|第几期|哪一?期/;
/** «谁没到会», «哪位请假»: who was absent. */
export const ASKS_ABSENT = /没(到会|来|参加|出席)|缺席|请假|未(到会|出席|参加)/;

/** Meeting facts: when, who chaired, which meeting, who compiled or sent it, whether it is published. */
const META = new RegExp(
  [
    /(哪天|哪一天|什么时候|何时|几月几日|日期|时间).{0,6}(开会|开的|开了|召开|举行|印发|发布|整理|出台|下发)|(开会|召开|举行|印发|发布|整理).{0,4}(哪天|哪一天|什么时候|何时|日期|时间)|谁主持|主持人|由谁主持|上午还是下午|下午还是上午|几点(开会|召开|开的|开始[？?]?$)|主持的|(?<![政协副])主席是(?:谁|哪位)|谁是主席|会议主席(?=[？?]?$)|第几次|第几号|几号纪要|哪次会议|会议名称|谁整理/
      .source,
    /(哪个|什么)(单位|部门|机关)(印)?发的|谁(印)?发的|发文(单位|机关)/.source,
    ASKS_PUBLICATION.source,
    ASKS_VENUE.source,
    ASKS_RECORDER.source,
    ASKS_DOC_NUMBER.source,
  ].join("|"),
);

/**
 * Question classes, recognised from how officials and citizens write in
 * Chinese. Order matters: the first rule that matches wins, so the narrower
 * classes come first (会后由谁修改完善 is a follow-up, not a unit question).
 */
const RULES: [Intent, RegExp][] = [
  // «沈卓然市长主持的会议审议了什么» asks what the meeting took up, not who chaired it.
  ["list", /主持的?(会议|会)?上?(审议|讨论|研究|部署)(了)?(什么|哪些|啥)/],
  ["meta", META],
  [
    "attendance",
    /出席|列席|参会|请假|缺席|没到会|未到会|没来(?!得)|参加(了)?(会议|这次会)|谁(?:来|去)?参加|(哪些|什么)人(参加|出席|参会)|与会|到会|(来|去|到会)的(人)?是谁|谁(来|去)(了|的)|派(了)?谁(来|去|参加)?/,
  ],
  [
    "list",
    /哪几次会议|哪些会议|几次会议|多少次会议|历次会议|(议|议了|研究了|讨论了|定了|议定了|讲了|说了)(几项|哪几项|几件事?|哪几件事?|哪些事|几条|哪几条)|一共.{0,4}(几项|几个议题)|(审议|讨论|研究|通过|部署|同意|批准|议定)(了)?(哪些|几个|几项|什么)(议题|事项|规划|文件|办法|方案|内容|问题|提案)?|有哪些(议题|事项|规划|文件|提案)|哪些议题|几个议题|议程(?![一二三四五六七八九十0-9])|议题有|都(讨论|审议|研究)了(什么|啥)|(议题|事项)列表|会(议)?[^，。？?]{0,4}(涉及|研究|部署|讨论)了?哪些[^，。？?]{0,4}(事项|议题|工作|实事)/,
  ],
  ["locate", /在哪(个|一)?(议题|项|部分|里)|哪(个|一)议题(里|中)?(提到|讲到|说到|涉及)|出现在哪|哪一项(提到|涉及)/],
  [
    "followup",
    /会后|修改完善|细化完善|进一步(修改|完善)|怎么印发|如何印发|怎样印发|按(什么)?程序|由谁(修改|完善|印发|发文)|谁来(修改|完善|印发)|下一步(由谁|怎么办)|后续/,
  ],
  [
    "unit",
    // «对各责任单位提了什么要求» names the units it asks about, it does not ask for one.
    /哪(个|些|家)(部门|单位|机构|公司|企业|厂商|施工队|施工单位|承包商|承建商|开发商|运营商|供应商)|由谁负责|谁负责|谁牵头|谁起草|谁汇报|谁提交|(?:(?:牵头|责任|起草|汇报|负责)(?:单位|部门)|主管部门)(?![^？?]{0,16}(?:要求|强调|部署))/,
  ],
  [
    "decision",
    /通过了吗|通过了?没有|通过没|批了吗|批了没|批[没不]批|通[没不]通过|同[意]?[没不]同意|批准[没不]批准|定[没不]定|过[没不]过|批下来了?吗?|同意了吗|批准了吗|是否(通过|同意|批准)|(作出|做出|有)(了)?(什么|哪些)?决定|决定了什么|什么结论|结论是|会议(的)?意见|怎么定的|定了(什么|吗)|表决|决议(如何|是什么|怎么样|了什么|了吗)?[？?]?$|怎么决议|如何决议|结果(如何|怎样|是什么)/,
  ],
  [
    "emphasis",
    /强调|提出?(了)?(哪些|什么|哪几点|几点)?要求|有(哪些|什么)要求|要求(是|有)|怎么部署|如何部署|部署(了)?(哪些|什么)|(注意|重点|举措|措施)(什么|哪些|是)|怎么(推进|落实|抓)|如何(推进|落实)/,
  ],
];

/**
 * A unit or company asked for, in any order («哪家电梯公司», «施工单位是哪家», «由哪家»). Wider than the
 * unit class: on plain text («哪家韩国公司…») the unit checks refused answers the sentence path had right
 * (DRCD −0.1), so a record's reading decides where it applies.
 */
export const ASKS_UNIT =
  /哪(个|些|家)[\u4e00-\u9fa5]{0,4}?(部门|单位|机构|公司|企业|厂商|施工队|施工单位|承包商|承建商|开发商|运营商|供应商)|(单位|部门|公司|企业|施工方|承建方|承包商|供应商|运营方)(是|为)?哪(个|家)|由哪家/;

/** «哪几次会议讨论过财政预算»: a list across meetings. */
export function acrossMeetings(question: string): boolean {
  return /哪几次会议|哪些会议|几次会议|多少次会议|历次会议/.test(question);
}

export function classifyIntent(question: string): Intent {
  const q = question.replace(/\s+/g, "");
  for (const [intent, re] of RULES) if (re.test(q)) return intent;
  return "topic";
}

/** Item kinds a list question may name: 审议了哪些规划 → 规划. */
export function listFilter(question: string): string | null {
  // «改造的方案» says what a plan is about; no kind of document is asked for.
  return LIST_KIND.exec(question.replace(/(哪些|几个)/g, ""))?.[1] ?? null;
}

/**
 * After 计划, what makes it the verb «plans to» rather than a plan: a time asked or set («公交专线计划什么时候开通»,
 * «计划于年底建成») — unless a document's verb follows the time («建设计划什么时候印发» is the noun) — or an action
 * planned («椿溪计划新增多少个泊位»; not «计划投资», where the noun is as common). A lookahead.
 */
export const PLAN_AS_VERB =
  "(?!(?:什么时候|啥时候|何时|哪一?年|哪天|几月|多久)(?!通过|出台|印发|审议|发布|施行|实施|批准|制定|编制|定)|于|在|将|要|到|今年|明年|年内|年底|新增|新建|建成|完成|开工|启动|开通|改造|招聘|发放)";
const LIST_KIND = new RegExp(`(?<!的)(规划|办法|方案|计划${PLAN_AS_VERB}|意见|报告|政策|措施|条例|细则)`);

/** The question without what it asks of the meeting («…纪要对外公开吗» → «…纪要»): what is left names the record. */
export function withoutMetaAsk(question: string): string {
  return question.replace(new RegExp(META.source, "g"), " ");
}
