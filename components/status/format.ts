/** Number formatting shared by tiles, charts and the header. Pure; tested in format.test.ts. */

/** Spans per second: one decimal below 10, whole numbers up to 9,999, then "12.3k". */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return "–";
  const abs = Math.abs(n);
  if (abs < 10) return n.toFixed(1);
  if (abs < 10_000) return Math.round(n).toLocaleString("en-US");
  if (abs < 10_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

const MB = 1024 * 1024;

/** Bytes in binary units ("512 B", "3.4 KB", "187.2 MB", "1.2 GB"). */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "–";
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < MB) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * MB) return `${(bytes / MB).toFixed(1)} MB`;
  return `${(bytes / (1024 * MB)).toFixed(2)} GB`;
}

export function bytesToMb(bytes: number): number {
  return bytes / MB;
}

/** A 0..1 fraction as "45.2 %". */
export function formatPercent(fraction: number, digits = 1): string {
  if (!Number.isFinite(fraction)) return "–";
  return `${(fraction * 100).toFixed(digits)} %`;
}

/**
 * CPU milliseconds per wall-clock second as a share of one core ("0.04 %", "3.2 %", "85 %"):
 * 1000 ms/s is one core fully busy. Small shares keep two digits so an idle process does not
 * read as zero.
 */
export function formatCoreShare(cpuMsPerSec: number): string {
  if (!Number.isFinite(cpuMsPerSec) || cpuMsPerSec < 0) return "–";
  const percent = cpuMsPerSec / 10;
  return `${percent.toFixed(percent < 1 ? 2 : percent < 10 ? 1 : 0)} %`;
}

/** The first 7 hex digits of a config hash, as git shows commits. */
export function shortHash(hash: string): string {
  return hash.slice(0, 7);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Local wall-clock time "14:03:27". */
export function formatClock(ts: number): string {
  const d = new Date(ts);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Seconds as "42 s", "12 min", "3 h 5 min". */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "–";
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}
