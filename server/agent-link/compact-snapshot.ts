/**
 * The agent's runtime snapshot cut down to what the fleet shows (health and counters), so many
 * agents can send one every second. Pure.
 */
import type { TelemetrySnapshot } from "../telemetry/snapshot";
import { totalDropped } from "../telemetry/snapshot";
import type { AgentSnapshot } from "../fleet/fleet-contract";

const finite = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);
const unit = (n: number) => Math.min(1, finite(n));

export function compactSnapshot(s: TelemetrySnapshot): AgentSnapshot {
  return {
    ts: Math.round(finite(s.ts)),
    configVersion: s.configVersion,
    configHash: s.configHash,
    spans: {
      started: finite(s.spans.started),
      notSampled: finite(s.spans.notSampled),
      exported: finite(s.spans.exported),
      dropped: finite(totalDropped(s.spans)),
      exportFailed: finite(s.spans.exportFailed),
    },
    rates: {
      startedPerSec: finite(s.rates.startedPerSec),
      sampledPerSec: finite(s.rates.sampledPerSec),
      exportedPerSec: finite(s.rates.exportedPerSec),
      droppedPerSec: finite(s.rates.droppedPerSec),
    },
    queue: { length: finite(s.queue.length), capacity: finite(s.queue.capacity), utilization: unit(s.queue.utilization) },
    effectiveRate: unit(s.sampler.effectiveRate),
  };
}
