/** Invisible format characters (Unicode Cf): zero-width spaces and joiners (U+200B–U+200D), U+2060, U+FEFF, soft hyphens, bidi marks. They split words unseen: «交\u200b通规划». */
export const INVISIBLE = /\p{Cf}/gu;
