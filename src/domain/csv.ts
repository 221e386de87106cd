// The one CSV cell writer: every CSV idc-sync writes (CLI export folders, web downloads) goes
// through csvCell, so values read from AWS are neutralised at the point of writing.

/**
 * Characters that make a spreadsheet treat a cell as a formula (or, for tab and CR, let one slip
 * past a naive check): OWASP's list for CSV injection.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180: quoted when needed, quotes doubled, CRLF line ends; null is empty; arrays and objects
 * as JSON. A text cell that begins with `=`, `+`, `-`, `@`, tab or CR is neutralised the OWASP way:
 * prefixed with a single quote and quoted, so spreadsheets show it as text and never evaluate it.
 * Numbers and booleans are written as they are (a negative number is data, not a formula).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const raw = typeof value === "string" ? value : JSON.stringify(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return text !== raw || /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (with its CRLF) of `row`'s `columns`. */
export function csvLine(row: Record<string, unknown>, columns: readonly string[]): string {
  return `${columns.map((c) => csvCell(row[c])).join(",")}\r\n`;
}

/** The CSV text of `rows` (header line first) in pieces of 1000 lines. */
export function* csvChunks(rows: readonly object[], columns: readonly string[]): Generator<string> {
  yield `${columns.map(csvCell).join(",")}\r\n`;
  for (let at = 0; at < rows.length; at += 1000) {
    let text = "";
    for (const row of rows.slice(at, at + 1000)) text += csvLine(row as Record<string, unknown>, columns);
    yield text;
  }
}
