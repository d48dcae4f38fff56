/**
 * Pure parts of the fleet view: a member's health from its snapshot, grouping by service with
 * hash mismatch and aggregate throughput, and which members a target picks.
 */
import type { AgentSnapshot, FleetHealth, FleetList, FleetMember, FleetServiceGroup, FleetTarget } from "./fleet-contract";

export function healthOf(s: AgentSnapshot): FleetHealth {
  const sampled = s.rates.sampledPerSec;
  return {
    startedPerSec: s.rates.startedPerSec,
    sampledPerSec: sampled,
    exportedPerSec: s.rates.exportedPerSec,
    dropRate: sampled > 0 ? Math.min(1, s.rates.droppedPerSec / sampled) : s.rates.droppedPerSec > 0 ? 1 : 0,
    queueUtilization: s.queue.utilization,
    effectiveRate: s.effectiveRate,
    started: s.spans.started,
    notSampled: s.spans.notSampled,
    exported: s.spans.exported,
  };
}

export const memberKey = (m: { service: string; instance: string }) => `${m.service}/${m.instance}`;

/** Services by name, members by instance (embedded first); hash mismatch among connected members. */
export function groupByService(members: FleetMember[], ts: number): FleetList {
  const byService = new Map<string, FleetMember[]>();
  for (const m of members) {
    const list = byService.get(m.service) ?? [];
    list.push(m);
    byService.set(m.service, list);
  }
  const services: FleetServiceGroup[] = [...byService.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, list]) => {
      list.sort((a, b) => (a.kind === b.kind ? a.instance.localeCompare(b.instance) : a.kind === "embedded" ? -1 : 1));
      const connected = list.filter((m) => m.connected);
      return {
        service,
        members: list,
        hashMismatch: new Set(connected.map((m) => m.hash)).size > 1,
        exportedPerSec: connected.reduce((sum, m) => sum + (m.health?.exportedPerSec ?? 0), 0),
      };
    });
  return { ts, services };
}

export function targetIncludes(target: FleetTarget, member: { service: string; instance: string }): boolean {
  switch (target.kind) {
    case "all":
      return true;
    case "service":
      return member.service === target.service;
    case "instance":
      return member.service === target.service && member.instance === target.instance;
  }
}

export function describeTarget(target: FleetTarget): string {
  if (target.kind === "all") return "all runtimes";
  if (target.kind === "service") return `service ${target.service}`;
  return `${target.service}/${target.instance}`;
}
