/**
 * A benchmark child that misbehaves on purpose (for benchmark-runner.test.ts): one sound progress
 * message, then one the contract does not allow, then it stays alive until it is terminated.
 */
process.once("message", () => {
  const progress = { percent: 5, configuration: "10%", configurationIndex: 0, configurationCount: 2, iteration: 5, iterationsPerConfiguration: 100, phase: "warmup" };
  process.send?.({ type: "progress", progress });
  process.send?.({ type: "progress", progress: { ...progress, percent: "lots" } });
});
setInterval(() => {}, 1000);
