/** A bench section: one named measurement that prints its own figures. src/bench/main.ts runs them in order. */
export interface BenchContext {
  /** the repository root */
  root: string;
  /** ../shared/data, when present */
  dataDir: string | null;
  /** print one line of results */
  print(line: string): void;
}

export interface BenchSection {
  name: string;
  run(ctx: BenchContext): Promise<void>;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
