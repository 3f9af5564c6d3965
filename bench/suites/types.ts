/** A benchmark suite: measures, compares against its target (and a peer where there is one). */
export interface BenchRow {
  suite: string;
  metric: string;
  value: string;
  target?: string;
  /** the peer measured in the same run (e.g. Chromium), when there is one */
  peer?: string;
  /** true/false when there is a target, undefined otherwise */
  ok?: boolean;
}

export interface BenchContext {
  /** a data folder holding the imported demo data of that size (built once per run, reused) */
  demoDataDir(size: 'small' | 'medium' | 'large'): Promise<string>;
  /** a fresh empty folder under .bench-data/ */
  scratchDir(name: string): string;
  log(message: string): void;
}

export interface BenchSuite {
  name: string;
  /** a rough idea of how long it takes, shown before it runs */
  estimate: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}
