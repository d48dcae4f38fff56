import { describe, expect, it } from "vitest";
import { isProcessAlive as alive } from "../process/tsx-child";
import { DEFAULT_CONFIG } from "../telemetry";
import { BASELINE_LABEL, benchmarkRequestSchema } from "./benchmark-contract";
import { BenchmarkRunner, runningConfigPatch } from "./benchmark-runner";

const request = (o: Record<string, unknown>) => benchmarkRequestSchema.parse({ workload: "spans-only", ...o });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("BenchmarkRunner", () => {
  it("runs one benchmark at a time, reports progress and keeps the result", async () => {
    const runner = new BenchmarkRunner(() => ({ ...DEFAULT_CONFIG, sampleRate: 0.5, otlpEndpoint: "http://127.0.0.1:1/v1/traces" }));
    expect(runner.status().run).toBeNull();
    const started = runner.start(request({ configurations: ["10%", "100%", "running config"], iterations: 200 }));
    expect(started.ok).toBe(true);
    expect(started.ok && started.run).toMatchObject({ isolation: "child-process" });
    // It runs in its own process, not in this one.
    const pid = runner.status().run?.pid;
    expect(pid).toEqual(expect.any(Number));
    expect(pid).not.toBe(process.pid);

    const second = runner.start(request({ configurations: ["1%"], iterations: 50 }));
    expect(second).toMatchObject({ ok: false, reason: "busy" });
    expect(runner.status().run?.request.configurations).toEqual(["10%", "100%", "running config"]);

    const seen = new Set<string>();
    while (runner.running) {
      const p = runner.status().run?.progress;
      if (p) seen.add(p.configuration);
      await new Promise((r) => setTimeout(r, 5));
    }
    await runner.whenIdle();
    const run = runner.status().run!;
    expect(run.state, run.error ?? "").toBe("done");
    expect(run.finishedAt).not.toBeNull();
    expect(run.pid).toBeNull();
    expect(alive(pid!)).toBe(false);
    expect(run.progress?.percent).toBe(100);
    expect(seen.has(BASELINE_LABEL)).toBe(true);
    expect(run.results?.map((r) => r.name)).toEqual(["10%", "100%", "running config"]);
    const [tenth, full, current] = run.results!;
    expect(full.exportedSpans).toBe(200 * 4);
    expect(tenth.exportedSpans).toBeLessThan(full.exportedSpans);
    expect(current.sampleRate).toBe(0.5);
    // The running config's endpoint (nothing listens there) was replaced by the discard collector.
    expect(current.exportedSpans).toBeGreaterThan(0);
    for (const r of run.results!) expect(r.droppedSpans).toBe(0);
  }, 60_000);

  it("cancels a run: its process is gone, state cancelled, no results, and a new run may start", async () => {
    const runner = new BenchmarkRunner(() => DEFAULT_CONFIG);
    expect(runner.cancel()).toBe(false);
    runner.start(request({ configurations: ["disabled", "100%"], iterations: 20_000 }));
    while (!runner.status().run?.progress) await sleep(5);
    const pid = runner.status().run!.pid!;
    expect(alive(pid)).toBe(true);
    expect(runner.cancel()).toBe(true);
    await runner.whenIdle();
    expect(alive(pid)).toBe(false);
    const run = runner.status().run!;
    expect(run.state).toBe("cancelled");
    expect(run.results).toBeNull();
    expect(run.progress!.percent).toBeLessThan(100);
    expect(runner.start(request({ configurations: ["1%"], iterations: 10 })).ok).toBe(true);
    await runner.whenIdle();
    expect(runner.status().run).toMatchObject({ id: 2, state: "done" });
  }, 60_000);

  it("fails the run with a clear error when its process crashes, and stays usable", async () => {
    const runner = new BenchmarkRunner(() => DEFAULT_CONFIG);
    runner.start(request({ configurations: ["100%"], iterations: 20_000 }));
    while (!runner.status().run?.progress) await sleep(5);
    process.kill(runner.status().run!.pid!, "SIGKILL");
    await runner.whenIdle();
    expect(runner.status().run).toMatchObject({ state: "failed", results: null, pid: null, error: "The benchmark process was killed by SIGKILL before reporting a result." });
    expect(runner.start(request({ configurations: ["1%"], iterations: 10 })).ok).toBe(true);
    await runner.whenIdle();
    expect(runner.status().run?.state).toBe("done");
  }, 60_000);

  it("fails the run and ends its process when the process sends a malformed message", async () => {
    const runner = new BenchmarkRunner(() => DEFAULT_CONFIG, { childEntry: "server/benchmark/test-fixtures/malformed-benchmark-child.ts" });
    runner.start(request({ configurations: ["10%"], iterations: 100 }));
    const pid = runner.status().run!.pid!;
    await runner.whenIdle();
    const run = runner.status().run!;
    expect(run.state).toBe("failed");
    expect(run.error).toMatch(/^The benchmark process sent a malformed message \(progress\.percent: .*\); the run was stopped\.$/);
    // The sound message before it was taken; the malformed one never reached the status.
    expect(run.progress?.percent).toBe(5);
    expect(alive(pid)).toBe(false);
  }, 30_000);

  it("benchmarks a copy of the running config that never exports to its real endpoint or file", () => {
    const patch = runningConfigPatch({ ...DEFAULT_CONFIG, exporterType: "file", otlpEndpoint: "http://collector:4318/v1/traces" });
    expect(patch).not.toHaveProperty("otlpEndpoint");
    expect(patch.exporterType).toBe("otlp");
    expect(runningConfigPatch({ ...DEFAULT_CONFIG, exporterType: "none" }).exporterType).toBe("none");
  });
});

describe("benchmark request", () => {
  it.each([
    [{ configurations: [], iterations: 100 }, /choose at least one configuration/],
    [{ configurations: ["50%"], iterations: 100 }, /each configuration must be one of/],
    [{ configurations: ["1%", "1%"], iterations: 100 }, /each configuration may be chosen once/],
    [{ configurations: ["1%"], iterations: 5 }, /iterations must be at least 10/],
    [{ configurations: ["1%"], iterations: 1e9 }, /iterations must be at most 20000/],
    [{ configurations: ["1%"], iterations: 10.5 }, /whole number/],
    [{ configurations: ["1%"], iterations: 1000, workload: "agent-50ms" }, /at most 500 iterations/],
    [{ configurations: ["1%"], iterations: 100, extra: 1 }, /Unrecognized key/i],
  ])("refuses %j", (body, message) => {
    const parsed = benchmarkRequestSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message).join("; ")).toMatch(message);
  });
});
