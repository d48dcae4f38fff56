/**
 * Words and numbers of the fleet view. Pure.
 */
import type { FleetTarget, FleetTargetResult } from "../../server/fleet/fleet-contract";

export function resultText(result: FleetTargetResult): string {
  switch (result.status) {
    case "applied":
      return result.changed.length === 0 ? `applied v${result.version} (already running)` : `applied v${result.version}`;
    case "failed":
      return `failed: ${result.error}`;
    case "unreachable":
      return `unreachable: ${result.error}`;
  }
}

export function lastSeenText(lastSeen: number, now: number): string {
  const s = Math.max(0, Math.round((now - lastSeen) / 1000));
  if (s < 3) return "now";
  if (s < 120) return `${s} s ago`;
  if (s < 7200) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

export function perSec(n: number): string {
  if (n >= 1000) return `${(n / 1000).toFixed(1)}k/s`;
  return `${n >= 10 ? Math.round(n) : n.toFixed(1)}/s`;
}

export function percent(fraction: number): string {
  const p = fraction * 100;
  return `${p === 0 || p >= 10 ? Math.round(p) : p.toFixed(1)} %`;
}

/** A target as the value of one <select> option, and back. */
export function targetValue(t: FleetTarget): string {
  if (t.kind === "all") return "all";
  if (t.kind === "service") return `service:${t.service}`;
  return `instance:${t.service}/${t.instance}`;
}

export function parseTargetValue(value: string): FleetTarget | null {
  if (value === "all") return { kind: "all" };
  if (value.startsWith("service:")) return { kind: "service", service: value.slice(8) };
  if (value.startsWith("instance:")) {
    const rest = value.slice(9);
    const at = rest.lastIndexOf("/");
    if (at <= 0) return null;
    return { kind: "instance", service: rest.slice(0, at), instance: rest.slice(at + 1) };
  }
  return null;
}

/** "12.5" (percent, as typed) -> 0.125, or an error a person can act on. */
export function parseRatePercent(text: string): { ok: true; rate: number } | { ok: false; error: string } {
  const t = text.trim().replace(/%$/, "").trim();
  if (t === "") return { ok: false, error: "Enter a sample rate between 0 and 100 %" };
  const n = Number(t);
  if (!Number.isFinite(n) || n < 0 || n > 100) return { ok: false, error: "The sample rate must be a number from 0 to 100 %" };
  return { ok: true, rate: Math.round(n * 1000) / 100000 };
}
