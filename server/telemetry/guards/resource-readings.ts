/**
 * What the guards read from the machine, behind one small interface so tests inject readings.
 *
 * cpuPercent: this process's CPU time (user + system) over wall time since the previous reading,
 *   as a share of the cores available to it (100 = every core busy with this process).
 * memoryPercent: the host's used memory share (1 - available / total; on Linux os.freemem()
 *   reports MemAvailable), or this process's RSS against its cgroup limit when one is set and
 *   that is higher: the pressure that gets a process killed.
 */
import os from "node:os";

export interface ResourceReader {
  cpuPercent(): number;
  memoryPercent(): number;
}

export function processResourceReader(): ResourceReader {
  let lastCpu = process.cpuUsage();
  let lastAt = performance.now();
  const cores = Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  return {
    cpuPercent() {
      const now = performance.now();
      const cpu = process.cpuUsage();
      const usedUs = cpu.user - lastCpu.user + (cpu.system - lastCpu.system);
      const wallUs = (now - lastAt) * 1000;
      lastCpu = cpu;
      lastAt = now;
      return wallUs > 0 ? Math.min(100, (usedUs / wallUs / cores) * 100) : 0;
    },
    memoryPercent() {
      const host = (1 - os.freemem() / os.totalmem()) * 100;
      const limit = typeof process.constrainedMemory === "function" ? process.constrainedMemory() : 0;
      const cgroup = limit && limit < os.totalmem() ? (process.memoryUsage.rss() / limit) * 100 : 0;
      return Math.max(host, cgroup);
    },
  };
}
