/**
 * Browser-side client for /api/benchmark: status (polled), start and cancel. Answers are checked
 * against the shared contract; failures become the server's own sentence when it sent one.
 */
import { z } from "zod";
import { benchmarkStatusSchema, type BenchmarkRequest, type BenchmarkStatus } from "../../server/benchmark/benchmark-contract";
import type { Outcome } from "../drills/drills-api";
import { expectShape, requestJson, sendJson, type ApiResult } from "../presets/http-client";

function outcome<T>(r: ApiResult<T>): Outcome<T> {
  return r.ok ? { ok: true, value: r.body } : { ok: false, error: r.error };
}

export async function fetchBenchmarkStatus(): Promise<Outcome<BenchmarkStatus>> {
  return outcome(expectShape(await requestJson("/api/benchmark"), benchmarkStatusSchema, "the benchmark status"));
}

export async function startBenchmark(request: BenchmarkRequest): Promise<Outcome<unknown>> {
  return outcome(await sendJson("/api/benchmark", "POST", request));
}

export async function cancelBenchmark(): Promise<Outcome<unknown>> {
  return outcome(expectShape(await sendJson("/api/benchmark/cancel", "POST"), z.looseObject({ cancelling: z.literal(true) }), "cancel"));
}
