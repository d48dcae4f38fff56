import { ProtoWriter } from "./proto-writer";

/**
 * Writers kept warm between exports. Why: a fresh output buffer per batch (hundreds of KB) is
 * memory the kernel has to map page by page on first touch, and measured as a third of all
 * encoding time; a reused buffer is already mapped. Several exports can be in flight at once
 * (the connection pool), each holding its writer until its payload is no longer read; at most
 * `keep` idle writers are retained, so the memory held is bounded by keep x the largest batch.
 */
export class WriterPool {
  private readonly idle: ProtoWriter[] = [];

  constructor(private readonly keep = 4) {}

  acquire(): ProtoWriter {
    const w = this.idle.pop() ?? new ProtoWriter(256 * 1024);
    w.reset();
    return w;
  }

  release(w: ProtoWriter): void {
    if (this.idle.length < this.keep) this.idle.push(w);
  }
}
