"use client";
/**
 * One service of the fleet: its instances with health and config hash (a hash that differs from
 * the service's majority is highlighted, so a straggler shows at a glance), and the service's
 * exported spans/s over the last minute.
 */
import type { FleetServiceGroup } from "../../server/fleet/fleet-contract";
import { lastSeenText, percent, perSec } from "./fleet-format";
import { Sparkline } from "./sparkline";

function majorityHash(group: FleetServiceGroup): string | null {
  const counts = new Map<string, number>();
  for (const m of group.members) if (m.connected) counts.set(m.hash, (counts.get(m.hash) ?? 0) + 1);
  let best: string | null = null;
  for (const [hash, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = hash;
  return best;
}

export function ServiceCard({ group, history, now }: { group: FleetServiceGroup; history: number[]; now: number }) {
  const majority = majorityHash(group);
  const headingId = `svc-${group.service.replace(/[^\w-]/g, "_")}`;
  return (
    <section aria-labelledby={headingId} data-testid="fleet-service" data-service={group.service} className="rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
        <h2 id={headingId} className="font-mono text-sm font-semibold">{group.service}</h2>
        <span className="text-xs text-slate-500 dark:text-slate-400">
          {group.members.filter((m) => m.connected).length} connected{group.members.some((m) => !m.connected) ? `, ${group.members.filter((m) => !m.connected).length} gone` : ""}
        </span>
        {group.hashMismatch && (
          <span data-testid="hash-mismatch" className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200">
            configs differ
          </span>
        )}
        <div className="ml-auto flex items-center gap-2 text-xs text-slate-600 dark:text-slate-300">
          <span>exported</span>
          <Sparkline values={history} label={`${group.service}: exported spans per second, last minute`} />
          <span className="w-16 text-right font-mono font-semibold tabular-nums" data-testid="service-exported">{perSec(group.exportedPerSec)}</span>
        </div>
      </div>
      <div className="overflow-x-auto">
        <table className="w-full min-w-[640px] table-fixed text-sm">
          <thead className="text-left text-[11px] tracking-wide text-slate-500 uppercase dark:text-slate-400">
            <tr>
              <th className="w-[26%] px-4 py-1.5 font-medium">Instance</th>
              <th className="w-[19%] px-2 py-1.5 font-medium">Status</th>
              <th className="w-[10%] px-2 py-1.5 text-right font-medium">Rate</th>
              <th className="w-[10%] px-2 py-1.5 text-right font-medium">Exported</th>
              <th className="w-[10%] px-2 py-1.5 text-right font-medium">Dropped</th>
              <th className="w-[10%] px-2 py-1.5 text-right font-medium">Queue</th>
              <th className="w-[15%] px-4 py-1.5 font-medium">Config</th>
            </tr>
          </thead>
          <tbody>
            {group.members.map((m) => {
              const odd = m.connected && majority !== null && m.hash !== majority;
              const h = m.health;
              return (
                <tr key={m.instance} data-testid="fleet-member" data-instance={m.instance} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="truncate px-4 py-1.5 font-mono" title={m.instance}>
                    {m.instance}
                    {m.kind === "embedded" && <span className="ml-2 rounded bg-slate-100 px-1 py-0.5 font-sans text-[11px] text-slate-600 dark:bg-slate-800 dark:text-slate-300">this server</span>}
                  </td>
                  <td className="px-2 py-1.5 whitespace-nowrap">
                    <span aria-hidden className={`mr-1.5 inline-block h-2 w-2 rounded-full ${m.connected ? "bg-emerald-500" : "bg-slate-400"}`} />
                    {m.connected ? "connected" : `gone, seen ${lastSeenText(m.lastSeen, now)}`}
                  </td>
                  <td className="px-2 py-1.5 text-right font-mono tabular-nums" data-testid="member-rate">{percent(m.sampleRate)}</td>
                  <td className="px-2 py-1.5 text-right font-mono tabular-nums">{h ? perSec(h.exportedPerSec) : "–"}</td>
                  <td className={`px-2 py-1.5 text-right font-mono tabular-nums ${h && h.dropRate > 0.01 ? "font-semibold text-red-700 dark:text-red-400" : ""}`}>{h ? percent(h.dropRate) : "–"}</td>
                  <td className={`px-2 py-1.5 text-right font-mono tabular-nums ${h && h.queueUtilization > 0.8 ? "font-semibold text-amber-700 dark:text-amber-400" : ""}`}>{h ? percent(h.queueUtilization) : "–"}</td>
                  <td className="px-4 py-1.5 font-mono text-xs whitespace-nowrap">
                    v{m.version}{" "}
                    <span
                      data-testid="member-hash"
                      title={odd ? "differs from the other instances of this service" : "config hash"}
                      className={odd ? "rounded bg-amber-100 px-1 font-semibold text-amber-900 dark:bg-amber-950 dark:text-amber-200" : "text-slate-500 dark:text-slate-400"}
                    >
                      {m.hash.slice(0, 8)}
                      {odd && <span className="sr-only"> (differs)</span>}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
