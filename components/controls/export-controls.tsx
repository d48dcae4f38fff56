"use client";
/** Export: exporter and endpoint, protocol, compression, timeouts and retries, connection pool. */
import { exporterTypes, FAST_COMPRESSION_LEVEL } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import { formatBytes } from "../status/format";
import { NumberField } from "./fields/number-field";
import { Section } from "./fields/section";
import { SelectField } from "./fields/select-field";
import { TextField } from "./fields/text-field";
import { ToggleField } from "./fields/toggle-field";
import type { ConfigForm } from "./use-config-draft";

export function ExportControls({ form, snapshot }: { form: ConfigForm; snapshot: TelemetrySnapshot | null }) {
  const e = snapshot?.export;
  const exporter = form.value(["exporterType"]);
  const ratio = e && e.bytesRaw > 0 ? `${formatBytes(e.bytesSent)} of ${formatBytes(e.bytesRaw)}` : undefined;
  return (
    <div className="flex flex-col gap-4">
      <Section title="Destination">
        <SelectField form={form} path={["exporterType"]} label="Exporter" options={exporterTypes} effective={e?.exporter} />
        <SelectField form={form} path={["otlpProtocol"]} label="OTLP protocol" options={["http/protobuf", "http/json"]} />
        <div className="col-span-2">
          <TextField form={form} path={["otlpEndpoint"]} label="OTLP endpoint" placeholder="http://collector:4318/v1/traces" hint={e?.lastError ? `last error: ${e.lastError}` : undefined} />
        </div>
        {exporter === "file" && (
          <>
            <TextField form={form} path={["filePath"]} label="File path" />
            <NumberField form={form} path={["fileMaxBytes"]} label="File max size (bytes)" step={1024} min={1} />
          </>
        )}
        {exporter === "console" && <ToggleField form={form} path={["consolePrettyPrint"]} label="Pretty-print to the console" />}
      </Section>
      <Section title="Compression">
        <SelectField form={form} path={["otlpCompression"]} label="Compression" options={["gzip", "none"]} effective={ratio} />
        <NumberField form={form} path={["compressionLevel"]} label="Compression level (1-9)" step={1} min={1} max={9} />
        <div className="col-span-2">
          <ToggleField
            form={form}
            path={["adaptiveCompression"]}
            label={`Gzip at level ${FAST_COMPRESSION_LEVEL} while export is behind`}
            hint={
              form.value(["otlpCompression"]) !== "gzip"
                ? "No effect while compression is off."
                : Number(form.value(["compressionLevel"])) <= FAST_COMPRESSION_LEVEL
                  ? `No effect: the level is already ${FAST_COMPRESSION_LEVEL}.`
                  : "About a third of the CPU for about 13 % more bytes, only while batches wait."
            }
            effective={e ? `${(e.fastCompressedBatches ?? 0).toLocaleString("en-US")} batches so far` : undefined}
          />
        </div>
      </Section>
      <Section title="Timeouts and retries">
        <NumberField form={form} path={["exportTimeoutMs"]} label="Export timeout (ms)" step={1000} min={1} effective={e ? `p99 ${Math.round(e.latencyMsP99)} ms` : undefined} />
        <NumberField form={form} path={["maxExportAttempts"]} label="Max export attempts" step={1} min={1} max={10} effective={e ? `${e.retries.toLocaleString("en-US")} retries` : undefined} />
        <div className="col-span-2">
          <ToggleField form={form} path={["asyncExport"]} label="Async export (batched, off the request path)" effective={e ? `${e.inFlight} spans in flight` : undefined} />
        </div>
      </Section>
      <Section title="Connection pool">
        <NumberField form={form} path={["otlpConnectionPoolSize"]} label="Pool size (connections)" step={1} min={1} max={64} />
        <NumberField form={form} path={["otlpKeepaliveTimeMs"]} label="Keep-alive time (ms)" step={1000} min={1} />
        <div className="col-span-2">
          <ToggleField form={form} path={["otlpKeepalive"]} label="Keep connections alive" />
        </div>
      </Section>
    </div>
  );
}
