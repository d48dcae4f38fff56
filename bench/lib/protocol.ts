/**
 * Messages between the benchmark's parent (bench/run.ts, which hosts the shared OTLP receiver)
 * and its child processes (bench/child.ts, one pipeline each). Validated with zod on both sides:
 * the IPC channel is a boundary like any other.
 */
import { z } from "zod";

export const pipelineKindSchema = z.enum(["none", "reference", "tracetune"]);

export const pipelineSettingsSchema = z
  .object({
    sampleRate: z.number().min(0).max(1),
    endpoint: z.string().url(),
    batchSize: z.number().int().positive(),
    maxQueueSize: z.number().int().positive(),
    intervalMs: z.number().int().positive(),
    gzip: z.boolean().optional(),
  })
  .strict();

export const suiteParamsSchema = z
  .object({
    warmupMs: z.number().int().nonnegative(),
    /** Paced rate for the CPU/wire phase, spans per second. */
    cpuSpansPerSec: z.number().positive(),
    cpuDurationMs: z.number().int().positive(),
    /** No-op baseline before and after the CPU phase, each. */
    baselineMs: z.number().int().positive(),
    /** Hash rounds per child span that make the 4-span operation cost ~1 ms of CPU. */
    rounds1ms: z.number().int().positive(),
    op1msBlocks: z.number().int().positive(),
    op1msPerBlock: z.number().int().positive(),
    /** Hash rounds per child span in the 50 ms agent run (a little CPU). */
    rounds50ms: z.number().int().nonnegative(),
    run50Concurrency: z.number().int().positive(),
    /** Blocks of the 50 ms agent run, alternating ABBA between the pipeline and the no-op tracer. */
    run50Blocks: z.number().int().positive().multipleOf(4),
    run50BlockMs: z.number().int().positive(),
  })
  .strict();

export const taskSchema = z.discriminatedUnion("scenario", [
  z.object({ scenario: z.literal("suite"), pipeline: pipelineKindSchema, settings: pipelineSettingsSchema, params: suiteParamsSchema }).strict(),
  z
    .object({
      scenario: z.literal("throughput"),
      pipeline: pipelineKindSchema,
      settings: pipelineSettingsSchema,
      spansPerSec: z.number().positive(),
      windowMs: z.number().int().positive(),
      warmupMs: z.number().int().nonnegative(),
    })
    .strict(),
  z.object({ scenario: z.literal("memory"), pipeline: pipelineKindSchema, settings: pipelineSettingsSchema, operations: z.number().int().positive() }).strict(),
]);

export type Task = z.infer<typeof taskSchema>;
export type SuiteParams = z.infer<typeof suiteParamsSchema>;

export const receiverCountsSchema = z.object({ spans: z.number(), bytesWire: z.number(), bytesDecoded: z.number(), requests: z.number() }).strict();
export type ReceiverCounts = z.infer<typeof receiverCountsSchema>;

/** child -> parent */
export const childMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("rpc"), id: z.number(), call: z.enum(["receiver.reset", "receiver.counts"]) }).strict(),
  z.object({ type: z.literal("result"), result: z.record(z.string(), z.unknown()) }).strict(),
  z.object({ type: z.literal("error"), message: z.string() }).strict(),
]);
export type ChildMessage = z.infer<typeof childMessageSchema>;

/** parent -> child */
export const parentMessageSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("task"), task: taskSchema }).strict(),
  z.object({ type: z.literal("rpc-result"), id: z.number(), counts: receiverCountsSchema }).strict(),
]);
export type ParentMessage = z.infer<typeof parentMessageSchema>;
