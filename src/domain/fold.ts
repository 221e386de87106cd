// Folded text: how names are searched and sorted in lists. Lower-cased, accents removed, and the
// few Latin letters that Unicode does not decompose spelled as their base letters, so "zoe" finds
// "Zoë" and "aerin" sorts before "Zoë". The same function makes the stored keys and the terms, and
// the keys compare byte by byte in both databases, so SQLite and PostgreSQL give one order.

/** Letters with no decomposition that readers still take for their base letter. */
const BASE_LETTERS: Record<string, string> = {
  ø: "o",
  æ: "ae",
  œ: "oe",
  ß: "ss",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
  ħ: "h",
};

const UNDECOMPOSED = new RegExp(`[${Object.keys(BASE_LETTERS).join("")}]`, "gu");

export function foldText(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(UNDECOMPOSED, (c) => BASE_LETTERS[c] ?? c);
}
