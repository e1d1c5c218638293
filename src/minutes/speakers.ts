/**
 * Statements by a person rather than by «会议»: «县长王立新强调», «副县长张华
 * 在讲话中指出», «王立新同志要求», «他表示». Names are recognised by a
 * surname and either a title beside them or their appearance as the chair or
 * an attendee, so ordinary sentences («全县要…») are not taken for speakers.
 */

/** Official titles, longest first where one contains another. */
export const ROLE =
  "(?:常务副|副)?(?:省长|市长|县长|区长|州长|旗长|镇长|乡长|局长|厅长|主任|主席|书记|部长|院长|处长|科长|秘书长|组长|队长|行长|总经理|董事长|校长|所长|站长|盟长|党组书记|调研员|委员)";

// The 300 most common Chinese surnames (single characters) and the compound ones in use.
const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由";
const COMPOUND_SURNAMES = "欧阳|司马|上官|诸葛|东方|皇甫|尉迟|公孙|慕容|长孙|宇文|司徒|令狐|夏侯|端木|独孤|南宫|西门|呼延|澹台";

/** Verbs a speaker's statement opens with. */
export const SPEECH_VERB = "(?:指出|强调|要求|表示|提出|认为|明确|希望|部署|说)";

/** True when `name` (2–4 characters) can be a personal name. */
export function looksLikeName(name: string): boolean {
  if (name.length < 2 || name.length > 4) return false;
  if (new RegExp(`^(?:${COMPOUND_SURNAMES})`).test(name)) return name.length >= 3;
  return SURNAMES.includes(name[0]) && name.length <= 3 && !/[市县区省局委办会府镇乡村街道部厅院处科室所站队行司组]$/.test(name);
}

const SETTING = "(?:在[^，。；]{0,16}?(?:讲话|会上|会议上|总结|发言|讲评|点评)[^，。；]{0,4}?(?:中|时)?)?";

export interface PersonLead {
  /** The lead as written: «县长王立新在讲话中强调». */
  lead: string;
  speaker: string;
  role: string | null;
  verb: string;
}

const WITH_ROLE = new RegExp(`^([\\u4e00-\\u9fa5、]{0,14}?${ROLE})([\\u4e00-\\u9fa5]{2,3}?)(?:同志)?${SETTING}[，,]?(${SPEECH_VERB})`);
const NAME_FIRST = new RegExp(`^([\\u4e00-\\u9fa5]{2,3}?)(${ROLE})?(同志)?${SETTING}[，,]?(${SPEECH_VERB})`);
const PRONOUN = new RegExp(`^(他|她)${SETTING}[，,]?(${SPEECH_VERB})`);

/**
 * A person's statement starting at the beginning of `s`. `known` are names the
 * record already gives (chair, attendees); a bare name counts only when known
 * or followed by 同志. `previous` is the last speaker, for «他/她».
 */
export function personLeadAt(s: string, known: readonly string[], previous: string | null): PersonLead | null {
  const a = WITH_ROLE.exec(s);
  if (a && looksLikeName(a[2])) return { lead: a[0], speaker: a[2], role: a[1].replace(/^[、]+/, ""), verb: a[3] };
  const b = NAME_FIRST.exec(s);
  if (b && looksLikeName(b[1]) && (b[2] || b[3] || known.includes(b[1]))) return { lead: b[0], speaker: b[1], role: b[2] ?? null, verb: b[4] };
  const c = PRONOUN.exec(s);
  if (c && previous) return { lead: c[0], speaker: previous, role: null, verb: c[2] };
  return null;
}
