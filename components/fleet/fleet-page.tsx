"use client";
/**
 * /fleet: every runtime this Tracetune serves (its own and the connected agents), grouped by
 * service with health and config hash, and the form that changes one instance, one service or
 * all of them, with each target's answer as it arrives.
 */
import { useEffect, useState } from "react";
import { ThemeToggle } from "../theme/theme-toggle";
import { ApplyPanel } from "./apply-panel";
import { ServiceCard } from "./service-card";
import { useFleetSocket } from "./use-fleet-socket";

export function FleetPage() {
  const fleet = useFleetSocket();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 5000);
    return () => clearInterval(t);
  }, []);
  const canOperate = fleet.connection === "connected" && fleet.role === "operator";
  const runtimes = fleet.list?.services.reduce((n, s) => n + s.members.filter((m) => m.connected).length, 0) ?? 0;

  return (
    <div className="min-h-screen bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <header className="border-b border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-950">
        <div className="mx-auto flex max-w-[1600px] flex-wrap items-center gap-x-8 gap-y-3 px-4 py-3 md:px-6">
          <div className="leading-tight">
            <h1 className="text-lg font-semibold tracking-tight">Fleet</h1>
            <p className="text-xs text-slate-500 dark:text-slate-400">every runtime linked to this Tracetune, by service</p>
          </div>
          <dl className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm md:ml-auto">
            <div data-testid="fleet-connection">
              <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Connection</dt>
              <dd className="flex items-center gap-1.5 font-medium">
                <span aria-hidden className={`h-2 w-2 rounded-full ${fleet.connection === "connected" ? "bg-emerald-500" : "bg-amber-500"}`} />
                {fleet.connection === "connected" ? "Connected" : fleet.connection === "connecting" ? "Connecting…" : "Reconnecting…"}
              </dd>
            </div>
            <div data-testid="fleet-role">
              <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Access</dt>
              <dd className="font-medium">{fleet.role === "operator" ? "Operator" : fleet.role === "viewer" ? "Read-only" : "–"}</dd>
            </div>
            <div>
              <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Runtimes</dt>
              <dd className="font-mono font-medium" data-testid="fleet-count">{fleet.list ? `${runtimes} in ${fleet.list.services.length} service${fleet.list.services.length === 1 ? "" : "s"}` : "–"}</dd>
            </div>
            <div>
              <dt className="text-[11px] font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">Theme</dt>
              <dd><ThemeToggle /></dd>
            </div>
          </dl>
        </div>
      </header>
      <main className="mx-auto grid max-w-[1600px] gap-4 px-4 py-4 md:px-6 lg:grid-cols-[1fr_340px]">
        <div className="flex min-w-0 flex-col gap-4">
          {!fleet.list && <p className="text-sm text-slate-500">Loading the fleet…</p>}
          {fleet.list?.services.map((s) => (
            <ServiceCard key={s.service} group={s} history={(fleet.throughput[s.service] ?? []).map((p) => p.value)} now={now} />
          ))}
        </div>
        <div className="lg:sticky lg:top-4 lg:self-start">
          <ApplyPanel list={fleet.list} canOperate={canOperate} apply={fleet.apply} results={fleet.results} />
        </div>
      </main>
    </div>
  );
}
