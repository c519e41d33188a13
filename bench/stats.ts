/**
 * Small helpers shared by the benchmarks: statistics, tables and goal lines.
 */

/** The median of a non-empty list of numbers. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Minimum, median and maximum, the summary every timed figure carries. */
export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
  readonly runs: number;
}

/** The spread of a non-empty list of numbers. */
export function spread(values: readonly number[]): Spread {
  return { min: Math.min(...values), median: median(values), max: Math.max(...values), runs: values.length };
}

/** A number rounded to `digits` decimals, for results.json (raw samples stay unrounded). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Milliseconds since `start` (a `process.hrtime.bigint()` reading). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Formats a number with thousands separators and at most `digits` decimals. */
export function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** One checked goal of a benchmark. */
export interface Goal {
  /** What is promised, in words. */
  readonly goal: string;
  /** The measured figure, in words. */
  readonly measured: string;
  /** Whether the measured figure meets the goal; `undefined` when it could not be measured. */
  readonly met: boolean | undefined;
}

/** `MET`, `GAP` (the goal is not reached: the measured figure says by how much) or `not measured`. */
export function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'not measured';
  return met ? 'MET' : 'GAP';
}

/**
 * Renders a plain-text table with a header row, columns padded to their widest cell;
 * numbers are right-aligned unless `alignNumbers` is false.
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[], alignNumbers = true): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = /^[-+]?[\d,.]+$/;
  const line = (cells: readonly string[]): string => cells
    .map((c, i) => (alignNumbers && numeric.test(c) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
    .join('  ')
    .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(header), rule, ...rows.map(line)].join('\n');
}

/** Renders the goals of a benchmark as a table. */
export function goalTable(goals: readonly Goal[]): string {
  return table(['goal', 'measured', 'verdict'], goals.map((g) => [g.goal, g.measured, verdict(g.met)]), false);
}

/** A section title underlined, for the printed report. */
export function title(text: string): string {
  return `\n${text}\n${'='.repeat(text.length)}`;
}
