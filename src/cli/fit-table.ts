// Text tables that fit the terminal, as kubectl and gh print them: columns that may shrink are cut
// to the width left (widest first, never below a floor) and a cut cell ends in "…". `--wide`
// prints every cell whole.

/** Where a table is printed: the terminal's width, if there is one. */
export interface TableWidth {
  /** Characters per line; undefined: not a terminal (see MAX_CELL). */
  columns: number | undefined;
  /** Print every cell whole (--wide). */
  wide: boolean;
}

/** A shrinkable cell's longest length when the width is unknown (output piped to a file). */
export const MAX_CELL = 60;
/** A shrinkable column is never cut below this (or its header's length). */
const MIN_WIDTH = 8;
const GAP = 2;

/** `text` cut to `width` characters (code points), ending in "…" when cut. */
export function cut(text: string, width: number): string {
  const chars = [...text];
  if (chars.length <= width) return text;
  return width <= 1 ? "…".slice(0, width) : `${chars.slice(0, width - 1).join("")}…`;
}

const length = (s: string): number => [...s].length;

/**
 * The widths of the columns: each its longest cell, then shrinkable ones (`shrink[i]`) cut until
 * the line fits `width.columns` (or each at most MAX_CELL when there is no terminal).
 */
export function columnWidths(
  rows: readonly string[][],
  shrink: readonly boolean[],
  width: TableWidth,
): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, length(cell))));
  if (width.wide) return widths;
  const floor = (i: number) => Math.max(MIN_WIDTH, length(rows[0]?.[i] ?? ""));
  if (width.columns === undefined) {
    return widths.map((w, i) =>
      shrink[i] === true ? Math.max(Math.min(w, MAX_CELL), Math.min(w, floor(i))) : w,
    );
  }
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  while (total() > width.columns) {
    let widest = -1;
    widths.forEach((w, i) => {
      if (shrink[i] === true && w > floor(i) && (widest === -1 || w > (widths[widest] ?? 0))) widest = i;
    });
    if (widest === -1) break; // nothing left to cut: the line stays wider than the terminal
    widths[widest] = (widths[widest] ?? 0) - 1;
  }
  return widths;
}

/** Rows as aligned text columns that fit `width`; `shrink[i]` marks the columns that may be cut. */
export function fitTable(rows: readonly string[][], shrink: readonly boolean[], width: TableWidth): string {
  const widths = columnWidths(rows, shrink, width);
  return (
    rows
      .map((row) =>
        row
          .map((cell, i) => {
            const w = widths[i] ?? 0;
            const text = cut(cell, w);
            return i === row.length - 1 ? text : text + " ".repeat(Math.max(0, w - length(text)));
          })
          .join(" ".repeat(GAP))
          .trimEnd(),
      )
      .join("\n") + "\n"
  );
}
