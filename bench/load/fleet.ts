/** A population of bot players on one server (bench/load.bench.ts). */
export interface Fleet {
  label: string;
  /** Adds tables of four players until there are `tables`. */
  grow(tables: number): Promise<void>;
  players(): number;
  /** Starts or stops every player's command loop (one command every ~5 s each). */
  setActive(active: boolean): void;
  /** Acknowledgement latencies (ms) and answers since the last take. */
  take(): { latencies: number[]; accepted: number; refused: number };
  close(): Promise<void>;
}
