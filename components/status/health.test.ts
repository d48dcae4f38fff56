import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../server/telemetry/config";
import { makeSnapshot } from "../testing/snapshot-fixture";
import { breakerHealth, dropHealth, exportHealth, memoryHealth, overheadHealth, queueHealth, samplingHealth, worst } from "./health";

const snapshot = makeSnapshot;

describe("health verdicts", () => {
  it("grades the queue against the configured warning threshold", () => {
    expect(queueHealth(0.1, 0.8)).toEqual({ level: "ok", label: "Normal" });
    expect(queueHealth(0.85, 0.8).level).toBe("warn");
    expect(queueHealth(0.5, 0.4).level).toBe("warn");
    expect(queueHealth(0.99, 0.8)).toEqual({ level: "critical", label: "Full" });
  });

  it("grades drops by their share of started spans", () => {
    expect(dropHealth(0, 1000).level).toBe("ok");
    expect(dropHealth(5, 1000).level).toBe("warn");
    expect(dropHealth(50, 1000).level).toBe("critical");
    expect(dropHealth(3, 0).level).toBe("critical");
  });

  it("flags an open or probing breaker on the export tile", () => {
    expect(breakerHealth("open").level).toBe("critical");
    expect(exportHealth(snapshot({ breaker: { state: "half_open", failureRatio: 0.3, enabled: true } })).level).toBe("warn");
    expect(exportHealth(snapshot({ rates: { ...snapshot().rates, exportFailedPerSec: 2 } })).label).toBe("Export failures");
    expect(exportHealth(snapshot()).level).toBe("ok");
  });

  it("notices when guards lower a ratio sampler's effective rate", () => {
    expect(samplingHealth(snapshot(), DEFAULT_CONFIG).level).toBe("ok");
    const reduced = snapshot({ sampler: { type: "ratio", configuredRate: 0.5, effectiveRate: 0.25 } });
    expect(samplingHealth(reduced, DEFAULT_CONFIG).label).toBe("Reduced by guards");
    expect(samplingHealth(snapshot(), { ...DEFAULT_CONFIG, enabled: false }).label).toBe("Telemetry off");
  });

  it("uses the memory guard when present, else the configured thresholds", () => {
    expect(memoryHealth(snapshot({ guards: { memory: { state: "critical", telemetryMb: 900 } } }), DEFAULT_CONFIG).level).toBe("critical");
    const heavy = snapshot({ memory: { rssBytes: 0, heapUsedBytes: 0, telemetryBytes: 150 * 1024 * 1024 } });
    const monitored = { ...DEFAULT_CONFIG, memoryMonitor: { warningThresholdMb: 100, criticalThresholdMb: 200, checkIntervalSeconds: 5 } };
    expect(memoryHealth(heavy, monitored).level).toBe("warn");
    expect(memoryHealth(heavy, DEFAULT_CONFIG).level).toBe("ok");
  });

  it("grades overhead against the target", () => {
    const busy = (percent: number) => ({ percent, cpuMsPerSec: 4 * percent, processCpuMsPerSec: 400 });
    expect(overheadHealth(busy(0.8), 1)).toEqual({ level: "ok", label: "On target" });
    expect(overheadHealth(busy(1.5), 1).level).toBe("warn");
    expect(overheadHealth(busy(3), 1)).toEqual({ level: "critical", label: "High" });
    expect(overheadHealth(undefined, 1).level).toBe("unknown");
  });

  it("does not judge the share of a process under a quarter of a core whose telemetry costs under 1 % of a core", () => {
    // The demo's figures: 9 % of 44 ms/s of process CPU is 4 ms/s, 0.4 % of a core.
    expect(overheadHealth({ percent: 9, cpuMsPerSec: 4, processCpuMsPerSec: 44 }, 1)).toEqual({ level: "ok", label: "Light load" });
    expect(overheadHealth({ percent: 0.5, cpuMsPerSec: 0.2, processCpuMsPerSec: 44 }, 1)).toEqual({ level: "ok", label: "On target" });
    expect(overheadHealth({ percent: 3.3, cpuMsPerSec: 3.3, processCpuMsPerSec: 101 }, 1)).toEqual({ level: "ok", label: "Light load" });
    expect(overheadHealth({ percent: 3.6, cpuMsPerSec: 9, processCpuMsPerSec: 250 }, 1)).toEqual({ level: "critical", label: "High" });
    expect(overheadHealth({ percent: 20, cpuMsPerSec: 10, processCpuMsPerSec: 50 }, 1)).toEqual({ level: "critical", label: "High" });
  });

  it("picks the worst verdict", () => {
    expect(worst({ level: "ok", label: "a" }, { level: "critical", label: "b" }, { level: "warn", label: "c" }).label).toBe("b");
  });
});
