/**
 * Runs an operation at a paced rate, as arriving requests would: every ~1 ms timer tick it runs
 * the operations that are due since the start. Between ticks the event loop is free (exports,
 * I/O), and idle time is real idle, so CPU clocks are not inflated by a busy-wait.
 *
 * If the process cannot keep up, due work piles up; a backlog beyond `maxBacklogMs` worth of
 * operations is skipped and counted, so `achievedRate` shows the shortfall instead of the run
 * silently stretching.
 */
export interface PacedResult {
  operations: number;
  skipped: number;
  wallMs: number;
  /** Operations per second actually run. */
  achievedRate: number;
}

export function runPaced(operation: () => void, opsPerSecond: number, durationMs: number, maxBacklogMs = 100): Promise<PacedResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const total = Math.round((opsPerSecond * durationMs) / 1000);
    let done = 0;
    let skipped = 0;
    const tick = () => {
      const elapsed = performance.now() - start;
      let due = Math.min(total, Math.floor((elapsed * opsPerSecond) / 1000)) - done - skipped;
      const backlogLimit = Math.max(1, Math.ceil((opsPerSecond * maxBacklogMs) / 1000));
      if (due > backlogLimit) {
        skipped += due - backlogLimit;
        due = backlogLimit;
      }
      for (let i = 0; i < due; i++) operation();
      done += Math.max(0, due);
      if (done + skipped >= total) {
        const wallMs = performance.now() - start;
        resolve({ operations: done, skipped, wallMs, achievedRate: (done * 1000) / Math.max(wallMs, durationMs) });
        return;
      }
      setTimeout(tick, 1);
    };
    setTimeout(tick, 1);
  });
}
