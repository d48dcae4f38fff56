/**
 * How history entries read: times, where a change came from, and which settings it touched.
 * Pure; tested in history-format.test.ts.
 */

/** "14:03:27" today, "Nov 23, 14:03" on another day of this year, "Nov 23 2025, 14:03" before. */
export function formatEntryTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const sameDay = d.getFullYear() === now.getFullYear() && d.getMonth() === now.getMonth() && d.getDate() === now.getDate();
  if (sameDay) return `${clock}:${pad(d.getSeconds())}`;
  const month = d.toLocaleString("en-US", { month: "short" });
  return d.getFullYear() === now.getFullYear() ? `${month} ${d.getDate()}, ${clock}` : `${month} ${d.getDate()} ${d.getFullYear()}, ${clock}`;
}

/** "just now", "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function formatAgo(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((now.getTime() - new Date(iso).getTime()) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 5) return "just now";
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86_400)} d ago`;
}

const SOURCE_LABELS: Record<string, string> = {
  ui: "dashboard",
  api: "REST API",
  preset: "preset",
  rollback: "rollback",
  "auto-tune": "auto-tune",
  startup: "server start",
  agent: "agent",
  code: "code",
  fleet: "fleet",
};

export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** The first `max` changed keys and how many more there are. */
export function changedKeysSummary(keys: string[], max = 6): { shown: string[]; more: number } {
  return { shown: keys.slice(0, max), more: Math.max(0, keys.length - max) };
}

/** The keys a refused change tried to set (its attempted patch), when it was an object. */
export function attemptedKeys(after: unknown): string[] {
  return after !== null && typeof after === "object" && !Array.isArray(after) ? Object.keys(after) : [];
}
