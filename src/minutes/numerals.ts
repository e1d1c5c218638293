const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Parses a Chinese numeral up to 99,999,999 («七», «十二», «一百零五», «九千九百九十九», «一万»); NaN when it is not one. */
export function chineseToNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (!/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return NaN;
  const PLACES: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let tenThousands = 0;
  let section = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === "万") {
      tenThousands += (section + current || 1) * 10_000;
      section = 0;
      current = 0;
    } else if (PLACES[ch]) {
      section += (current || 1) * PLACES[ch];
      current = 0;
    } else {
      current = DIGITS[ch];
    }
  }
  return tenThousands + section + current;
}

const UNITS = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** Writes 1..999 as a Chinese numeral as used in headings («七», «十二», «二十一»). */
export function numberToChinese(n: number): string {
  if (n <= 0 || n >= 1000 || !Number.isInteger(n)) return String(n);
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  let out = h ? `${UNITS[h]}百` : "";
  if (t) out += `${t === 1 && !h ? "" : UNITS[t]}十`;
  else if (h && u) out += "零";
  return out + UNITS[u];
}
