/**
 * File exporter: each batch is one line of OTLP JSON (an ExportTraceServiceRequest), so the file
 * can be replayed into any OTLP/HTTP collector line by line. When the next line would take the
 * file past `maxBytes`, the file is rotated (name.1, name.2, name.3; the oldest is removed).
 * Writes are serialized through one promise chain so lines never interleave.
 */
import fs from "node:fs/promises";
import path from "node:path";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { failedOutcome, succeeded, type ExportOutcome, type SpanExporterStrategy } from "./span-exporter";

const KEEP_ROTATED = 3;

export class FileExporter implements SpanExporterStrategy {
  readonly type = "file" as const;
  readonly identity: string;
  private chain: Promise<unknown> = Promise.resolve();
  private size: number | undefined;

  constructor(
    private readonly filePath: string,
    private readonly maxBytes: number,
  ) {
    this.identity = JSON.stringify(["file", filePath, maxBytes]);
  }

  export(spans: ReadableSpan[]): Promise<ExportOutcome> {
    const run = this.chain.then(() => this.write(spans));
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async write(spans: ReadableSpan[]): Promise<ExportOutcome> {
    try {
      const t0 = performance.now();
      const bytes = JsonTraceSerializer.serializeRequest(spans);
      if (!bytes) return failedOutcome(spans.length, "serialization produced no payload");
      const line = Buffer.concat([Buffer.from(bytes), Buffer.from("\n")]);
      // Serialization for the live overhead estimate. None of it is synchronous inside export():
      // it runs after the previous write, from the promise chain, never inside span.end().
      const cpuUs = (performance.now() - t0) * 1000;
      await fs.mkdir(path.dirname(this.filePath), { recursive: true });
      if (this.size === undefined) this.size = await fs.stat(this.filePath).then((s) => s.size, () => 0);
      if (this.size > 0 && this.size + line.byteLength > this.maxBytes) await this.rotate();
      await fs.appendFile(this.filePath, line);
      this.size += line.byteLength;
      return { ...succeeded(spans.length, line.byteLength), cpuUs, syncCpuUs: 0 };
    } catch (e) {
      return failedOutcome(spans.length, `file export failed: ${(e as Error).message}`);
    }
  }

  private async rotate(): Promise<void> {
    await fs.rm(`${this.filePath}.${KEEP_ROTATED}`, { force: true });
    for (let i = KEEP_ROTATED - 1; i >= 1; i--) await fs.rename(`${this.filePath}.${i}`, `${this.filePath}.${i + 1}`).catch(() => undefined);
    await fs.rename(this.filePath, `${this.filePath}.1`);
    this.size = 0;
  }

  async shutdown(): Promise<void> {
    await this.chain;
  }
}
