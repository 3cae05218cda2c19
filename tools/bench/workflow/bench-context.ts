import { type BenchApi } from './bench-api';
import { type BenchFlags } from './flags';
import { type CpuTarget } from './proc-cpu';
import { type CpuUse } from './report';

/** A started stack as the bench's modes see it, with what was measured before the load. */
export interface BenchContext {
  readonly api: BenchApi;
  readonly natsUrl: string;
  readonly postgresUrl: string;
  readonly namespace: string;
  readonly flags: BenchFlags;
  /** Every service process, then the Postgres and NATS servers. */
  readonly targets: readonly CpuTarget[];
  readonly services: readonly { readonly label: string; readonly pid: number | undefined }[];
  readonly idle: CpuUse | undefined;
  readonly floorMs: readonly number[];
}

/** What a mode printed and whether every project completed. */
export interface ModeResult {
  readonly lines: string[];
  readonly allCompleted: boolean;
}
