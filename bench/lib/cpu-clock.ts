/**
 * CPU clocks for the benchmark.
 *
 * - Main-thread ("app-thread") CPU: Node 20 has no process.threadCpuUsage (it arrived in Node 23),
 *   so on Linux we read the scheduler's per-thread run time, in nanoseconds, from
 *   /proc/thread-self/schedstat (first field; the file describes the calling thread, and it is read
 *   synchronously on the main thread). Elsewhere we fall back to process CPU and say so.
 * - Process CPU: process.cpuUsage() (user + system, every thread: the main thread, V8's GC helpers
 *   and libuv's pool, where gzip runs).
 */
import fs from "node:fs";

const SCHEDSTAT = "/proc/thread-self/schedstat";
let fd: number | null = null;
const buf = Buffer.alloc(128);

function openSchedstat(): number | null {
  try {
    return fs.openSync(SCHEDSTAT, "r");
  } catch {
    return null;
  }
}

fd = openSchedstat();

/** True when mainThreadCpuUs really measures the main thread only. */
export const HAS_THREAD_CPU = fd !== null;

/**
 * Cumulative CPU microseconds of the calling (main) thread.
 *
 * The kernel brings a running thread's run time up to date only at scheduler ticks (4 ms at
 * HZ=250) and context switches, and reading schedstat alone does not force it: two reads 1 ms
 * apart can return the same value. getrusage(RUSAGE_SELF) (process.cpuUsage) does update the
 * calling thread's run time, so it is called first; the schedstat read is then exact to the
 * microsecond (checked: consecutive reads differ by the time between them).
 */
export function mainThreadCpuUs(): number {
  process.cpuUsage();
  if (fd === null) return processCpuUs();
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  const text = buf.toString("latin1", 0, n);
  const ns = Number(text.slice(0, text.indexOf(" ")));
  return ns / 1000;
}

/** Cumulative CPU microseconds of the whole process (all threads). */
export function processCpuUs(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}

export interface CpuMark {
  mainUs: number;
  processUs: number;
  wallMs: number;
}

export function cpuMark(): CpuMark {
  return { mainUs: mainThreadCpuUs(), processUs: processCpuUs(), wallMs: performance.now() };
}

export function cpuSince(mark: CpuMark): CpuMark {
  return { mainUs: mainThreadCpuUs() - mark.mainUs, processUs: processCpuUs() - mark.processUs, wallMs: performance.now() - mark.wallMs };
}

/** Busy and total jiffies of the whole machine (all cores) from /proc/stat; null where unavailable. */
export function machineJiffies(): { busy: number; total: number } | null {
  try {
    const line = fs.readFileSync("/proc/stat", "latin1").split("\n")[0];
    const fields = line.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0); // idle + iowait
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Share of all cores' time the machine was busy between two readings (every process, not just ours). */
export function machineBusyBetween(a: ReturnType<typeof machineJiffies>, b: ReturnType<typeof machineJiffies>): number | null {
  if (!a || !b || b.total <= a.total) return null;
  return (b.busy - a.busy) / (b.total - a.total);
}
