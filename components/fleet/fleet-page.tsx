"use client";
/**
 * /fleet: every runtime this Tracetune serves (its own and the connected agents), grouped by
 * service with health and config hash, and the form that changes one instance, one service or
 * all of them, with each target's answer as it arrives.
 */
import { useEffect, useState } from "react";
import { HeaderItem, PageHeader } from "../nav/page-header";
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
      <PageHeader connection={fleet.connection} role={fleet.role} title="Fleet" subtitle="every runtime linked to this Tracetune, by service" testIdPrefix="fleet">
        <HeaderItem label="Runtimes" testId="fleet-count">
          <span className="font-mono">{fleet.list ? `${runtimes} in ${fleet.list.services.length} service${fleet.list.services.length === 1 ? "" : "s"}` : "–"}</span>
        </HeaderItem>
      </PageHeader>
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
