/**
 * The benchmark over REST against the real server: viewers may read the status but not start or
 * cancel; a bad body is refused with a clear error and starts nothing; an operator's small run
 * reports progress while it runs, refuses a second start (409), and ends with one row per chosen
 * configuration with plausible figures. The dashboard's own runtime and receiver see none of it,
 * and a connected dashboard keeps receiving its live snapshots while the benchmark runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isProcessAlive as alive } from "../process/tsx-child";
import type { BenchmarkRun, BenchmarkStatus } from "../benchmark/benchmark-contract";
import { apiClient, type ApiClient } from "./api-client";
import { connectDashboard, startServer, type RunningServer } from "./server-process";

let server: RunningServer;
let api: ApiClient;

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD: "off" });
  api = apiClient(server.url);
});

afterAll(async () => {
  await server?.stop();
});

const status = async () => (await api.get<BenchmarkStatus>("/api/benchmark", { as: "anonymous" })).body.run;
const receiverSpans = async () => (await api.get<{ stats: { spansReceived: number } }>("/api/receiver")).body.stats.spansReceived;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("benchmark API", () => {
  it("has no run before the first one, and lets everyone read that", async () => {
    const res = await api.get("/api/benchmark", { as: "anonymous" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ run: null });
  });

  it("refuses a viewer's start and cancel (401) and starts nothing", async () => {
    const start = await api.post("/api/benchmark", { configurations: ["1%"], iterations: 100 }, { as: "anonymous" });
    expect(start.status).toBe(401);
    expect(start.body.error).toMatch(/Operator token required/);
    const cancel = await api.post("/api/benchmark/cancel", undefined, { as: "anonymous" });
    expect(cancel.status).toBe(401);
    expect(await status()).toBeNull();
  });

  it.each([
    [{ configurations: ["50%"], iterations: 100 }, /configurations\.0: each configuration must be one of: disabled, 1%, 10%, 100%, running config/],
    [{ configurations: [], iterations: 100 }, /configurations: choose at least one configuration/],
    [{ configurations: ["1%"], iterations: 3 }, /iterations: iterations must be at least 10/],
    [{ configurations: ["1%"], iterations: 600, workload: "agent-50ms" }, /at most 500 iterations/],
    [{ configurations: ["1%"], iterations: 100, workload: "sleep" }, /workload must be one of: cpu-1ms, spans-only, agent-50ms/],
    [{ configurations: ["1%"], iterations: 100, colour: "red" }, /unknown key: colour/],
  ])("refuses the bad body %j with 400 and a clear error, starting nothing", async (body, message) => {
    const res = await api.post("/api/benchmark", body);
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatch(/^Invalid request: /);
    expect(res.body.error).toMatch(message);
    expect(await status()).toBeNull();
  });

  it("runs a small benchmark as operator: progress, one run at a time, results per configuration", async () => {
    const cancelIdle = await api.post("/api/benchmark/cancel");
    expect(cancelIdle.status).toBe(409);
    expect(cancelIdle.body.error).toMatch(/No benchmark is running/);

    // A dashboard stays connected through the run: the live stream must keep flowing.
    const dash = await connectDashboard(server.url);
    let snapshotsWhileRunning = 0;
    let runningNow = false;
    dash.on("snapshot", () => {
      if (runningNow) snapshotsWhileRunning++;
    });
    const spansBefore = await receiverSpans();
    const configVersion = (await api.get("/api/config")).body.version;
    const iterations = 300;
    const start = await api.post<{ run: BenchmarkRun }>("/api/benchmark", { configurations: ["disabled", "10%", "100%"], workload: "cpu-1ms", iterations });
    expect(start.status, start.text).toBe(202);
    runningNow = true;
    expect(start.body.run).toMatchObject({ id: 1, state: "running", isolation: "child-process", request: { configurations: ["disabled", "10%", "100%"], iterations, warmupIterations: 30 } });

    const busy = await api.post("/api/benchmark", { configurations: ["1%"], iterations: 100 });
    expect(busy.status).toBe(409);
    expect(busy.body.error).toMatch(/already running/);

    // Watch it run: progress moves forward and names configuration i of n (3 + the baseline).
    const seen: NonNullable<BenchmarkRun["progress"]>[] = [];
    let run = await status();
    while (run?.state === "running") {
      if (run.progress) seen.push(run.progress);
      await sleep(100);
      run = await status();
    }
    runningNow = false;
    dash.close();
    expect(run?.state, run?.error ?? "").toBe("done");
    expect(snapshotsWhileRunning, "dashboard snapshots received while the benchmark ran").toBeGreaterThan(1);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.some((p) => p.percent > 0 && p.percent < 100)).toBe(true);
    for (let i = 1; i < seen.length; i++) expect(seen[i].percent).toBeGreaterThanOrEqual(seen[i - 1].percent);
    for (const p of seen) {
      expect(p.configurationCount).toBe(4);
      expect(p.iterationsPerConfiguration).toBe(iterations + 30);
    }
    expect(run!.progress!.percent).toBe(100);

    const results = run!.results!;
    expect(results.map((r) => r.name)).toEqual(["disabled", "10%", "100%"]);
    const [disabled, tenth, full] = results;
    expect(disabled.exportedSpans).toBe(0);
    expect(tenth.exportedSpans).toBeGreaterThan(0);
    expect(full.exportedSpans).toBeGreaterThan(tenth.exportedSpans);
    expect(full.exportedSpans).toBeLessThanOrEqual(iterations * 4);
    expect(full.memoryMb).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.p50Ms).toBeGreaterThan(0);
      expect(r.p99Ms).toBeGreaterThanOrEqual(r.p50Ms);
      expect(Number.isFinite(r.overheadPercent)).toBe(true);
      expect(r.droppedSpans).toBe(0);
    }

    // The dashboard's runtime was left alone: no benchmark span reached the built-in receiver,
    // the running config did not change, and the result stays readable afterwards.
    expect(await receiverSpans()).toBe(spansBefore);
    expect((await api.get("/api/config")).body.version).toBe(configVersion);
    expect((await status())?.results).toEqual(results);
  });

  it("cancels a long run on request: its process is terminated, and a new run may start after it", async () => {
    const start = await api.post<{ run: BenchmarkRun }>("/api/benchmark", { configurations: ["100%"], workload: "cpu-1ms", iterations: 20_000 });
    expect(start.status, start.text).toBe(202);
    const pid = start.body.run.pid;
    expect(pid).toEqual(expect.any(Number));
    expect(pid).not.toBe(server.proc.pid);
    expect(alive(pid!), "the benchmark process runs").toBe(true);
    const cancel = await api.post("/api/benchmark/cancel");
    expect(cancel.status).toBe(202);
    let run = await status();
    while (run?.state === "running") {
      await sleep(50);
      run = await status();
    }
    expect(run).toMatchObject({ id: 2, state: "cancelled", results: null, pid: null });
    expect(alive(pid!), "the benchmark process is gone after cancel").toBe(false);

    const next = await api.post("/api/benchmark", { configurations: ["1%"], workload: "spans-only", iterations: 20 });
    expect(next.status, next.text).toBe(202);
    run = await status();
    while (run?.state === "running") {
      await sleep(50);
      run = await status();
    }
    expect(run).toMatchObject({ id: 3, state: "done" });
  });

  it.each([
    ["SIGTERM", "shuts down and terminates it"],
    ["SIGKILL", "dies abruptly; the orphaned process notices and exits"],
  ] as const)("leaves no benchmark process behind when the server gets %s (it %s)", async (signal, _how) => {
    const other = await startServer({ TRACETUNE_WORKLOAD: "off" });
    try {
      const start = await apiClient(other.url).post<{ run: BenchmarkRun }>("/api/benchmark", { configurations: ["100%"], workload: "cpu-1ms", iterations: 20_000 });
      expect(start.status, start.text).toBe(202);
      const pid = start.body.run.pid!;
      expect(alive(pid)).toBe(true);
      await other.stop(signal);
      // The child leaves on its own once its IPC channel closes: wait for that, not for a time.
      while (alive(pid)) await sleep(50);
      expect(alive(pid)).toBe(false);
    } finally {
      await other.stop();
    }
  }, 60_000);
});
