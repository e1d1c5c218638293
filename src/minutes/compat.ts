/**
 * Folds the compatibility forms PDF text layers use for common ideographs back
 * to the unified ideographs: Kangxi radicals (U+2F00–U+2FD5, «⼀⼈⽉⽇») and CJK
 * compatibility ideographs (U+F900–U+FAFF) by NFKC, CJK Radicals Supplement
 * (U+2E80–U+2EF3, «⺠⻓⻔») by a table, since NFKC leaves that block alone.
 * Every character maps to one UTF-16 code unit, so lengths are kept.
 */

// Hand-written from Unicode's EquivalentUnifiedIdeograph.txt (no maintained npm package ships it):
// only the radicals that stand for a character used in running text.
const SUPPLEMENT: Record<string, string> = {
  "⺁": "厂",
  "⺄": "乙",
  "⺅": "亻",
  "⺆": "冂",
  "⺇": "几",
  "⺉": "刂",
  "⺊": "卜",
  "⺌": "小",
  "⺎": "兀",
  "⺐": "尢",
  "⺒": "巳",
  "⺓": "幺",
  "⺕": "彐",
  "⺖": "忄",
  "⺘": "扌",
  "⺙": "攵",
  "⺛": "旡",
  "⺜": "日",
  "⺝": "月",
  "⺞": "歺",
  "⺟": "母",
  "⺠": "民",
  "⺡": "氵",
  "⺢": "氺",
  "⺣": "灬",
  "⺤": "爫",
  "⺥": "爫",
  "⺦": "丬",
  "⺧": "牛",
  "⺨": "犭",
  "⺩": "王",
  "⺪": "疋",
  "⺫": "罒",
  "⺬": "示",
  "⺭": "礻",
  "⺮": "竹",
  "⺯": "糹",
  "⺰": "纟",
  "⺱": "罓",
  "⺲": "罒",
  "⺶": "羊",
  "⺷": "羊",
  "⺹": "耂",
  "⺺": "肀",
  "⺻": "聿",
  "⺼": "肉",
  "⺽": "臼",
  "⺾": "艹",
  "⺿": "艹",
  "⻀": "艹",
  "⻁": "虎",
  "⻂": "衤",
  "⻃": "覀",
  "⻄": "西",
  "⻅": "见",
  "⻆": "角",
  "⻈": "讠",
  "⻉": "贝",
  "⻊": "足",
  "⻋": "车",
  "⻌": "辶",
  "⻍": "辶",
  "⻎": "辶",
  "⻏": "阝",
  "⻐": "钅",
  "⻑": "長",
  "⻒": "镸",
  "⻓": "长",
  "⻔": "门",
  "⻖": "阝",
  "⻗": "雨",
  "⻘": "青",
  "⻙": "韦",
  "⻚": "页",
  "⻛": "风",
  "⻜": "飞",
  "⻝": "食",
  "⻟": "飠",
  "⻠": "饣",
  "⻢": "马",
  "⻣": "骨",
  "⻤": "鬼",
  "⻥": "鱼",
  "⻦": "鸟",
  "⻧": "卤",
  "⻨": "麦",
  "⻩": "黄",
  "⻪": "黾",
  "⻫": "斉",
  "⻬": "齐",
  "⻭": "歯",
  "⻮": "齿",
  "⻯": "竜",
  "⻰": "龙",
  "⻱": "龜",
  "⻲": "亀",
  "⻳": "龟",
};

const COMPAT = /[\u2e80-\u2eff\u2f00-\u2fdf\uf900-\ufaff]/g;

/** Folds radicals and compatibility ideographs to unified ideographs, one code unit for one. */
export function foldCompatibility(s: string): string {
  return s.replace(COMPAT, (ch) => {
    const table = SUPPLEMENT[ch];
    if (table) return table;
    const n = ch.normalize("NFKC");
    return n.length === 1 ? n : ch;
  });
}
