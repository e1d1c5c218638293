/**
 * Bumped whenever reading or parsing changes what a record holds (its text,
 * structure or facts). An index built by another version is stale: every file
 * is read again on the next ingest, so an upgrade reaches records already
 * indexed, not only files that change.
 * 2: hard-wrapped text reflowed, related-link lines dropped, a page's 来源 row split.
 * 3: «議程一：…» agenda headings are items.
 * 4: a roster before the first numbered heading is the header's, not where the body ends.
 * 5: a header field with its value on the lines below («出席者：» then names) holds them; «主席 …» heading them chairs;
 *    a report that names no place takes it from the documents it passes; 「…計畫」 and each 案由 name documents.
 * 6: a site-name row with its 来源 is page furniture; a subtitle under the headline is not the title.
 * 7: a council («北嶼區議會») on the line above a session-only title names the record and issues it.
 *    «主持：…» heading the roster after the items names the chair.
 * 8: a formal 纪要 titled «县政府第N次…» takes its place from its office's 版头; the session is no part of the issuer.
 * 9: the headlines listed under «相关阅读：» are page furniture.
 * 10: a table copied as text keeps one row a line, its cells apart.
 * 11: «听取和审议了…» takes up what follows «和审议»; a report about a document («…关于检查《…法》实施情况的报告») is
 *     the topic's title, not the document; a news report's «垃圾清运方面，…» paragraph takes up a matter, as does «会议表决通过了…».
 * 12: a roster's label alone on its line («出席者», «缺席者», «秘書») heads the people below it, so a 區議會 會議紀要 with
 *     «議程項目一：» items is a meeting; a title naming only its session takes the body's lines above it; a person and their
 *     post set apart by a gap are no navigation row.
 * 13: a public account's «往期推荐» headlines and its «阅读 N» counter are page furniture; «…主持会议并讲话，副县长某某到会
 *     听取意见…出席会议» lists the people present, not «讲话» or what they did.
 * 14: «（2025年第14次）» alone under the title numbers the session.
 * 15: a page's publication rows («发布时间：…　来源：…», «责任编辑：…») are kept after the record's text, quotable.
 */
export const PARSER_VERSION = 15;
