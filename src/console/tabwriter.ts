/**
 * Column alignment as Go's text/tabwriter does it, which both kubectl printers use: a cell is text ended by a
 * tab, a column block is a run of consecutive lines that have a cell in that column, and every cell of a block
 * is padded to the block's widest cell plus the padding. Text after a line's last tab is not a cell.
 * kubectl get uses github.com/liggitt/tabwriter with RememberWidths, so a watch row keeps the widths of the
 * table printed before it (k8s.io/cli-runtime pkg/printers/tabwriter.go GetNewTabWriter: minwidth 6, padding 3);
 * kubectl describe uses padding 2 and no minimum (k8s.io/kubectl pkg/describe/describe.go tabbedString).
 */

export interface TabOptions {
  minWidth: number;
  padding: number;
}

export const GET_TABS: TabOptions = { minWidth: 6, padding: 3 };
export const DESCRIBE_TABS: TabOptions = { minWidth: 0, padding: 2 };

const width = (s: string): number => [...s].length;

/** Aligns tab-separated lines; `remembered` (one width per column) grows and is reused across calls. */
export function tabwrite(lines: readonly string[], opts: TabOptions, remembered?: number[]): string[] {
  const cells = lines.map((l) => l.split('\t'));
  const widths: number[][] = cells.map(() => []);

  const format = (line0: number, line1: number, col: number): void => {
    for (let i = line0; i < line1; i++) {
      if (cells[i]!.length - 1 <= col) continue;
      let j = i;
      let w = opts.minWidth;
      for (; j < line1 && cells[j]!.length - 1 > col; j++)
        w = Math.max(w, width(cells[j]![col]!) + opts.padding);
      if (remembered) {
        w = Math.max(w, remembered[col] ?? 0);
        remembered[col] = w;
      }
      for (let k = i; k < j; k++) widths[k]![col] = w;
      format(i, j, col + 1);
      i = j - 1;
    }
  };
  format(0, cells.length, 0);

  return cells.map((row, i) =>
    row.map((text, col) => (col < row.length - 1 ? text.padEnd(widths[i]![col] ?? 0) : text)).join(''),
  );
}
