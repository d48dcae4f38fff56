"use client";
/**
 * Change the fleet: pick a target (one instance, one service, all), a sample rate or a preset,
 * Apply; then one row per target, filled in as each answers (applied vN / failed: why /
 * unreachable). Viewers see the form disabled with the reason.
 */
import { useEffect, useState, type FormEvent } from "react";
import type { FleetApplyAck, FleetApplyRequest, FleetApplyStarted, FleetList, FleetResultMessage } from "../../server/fleet/fleet-contract";
import { listPresets, type PresetSummary } from "../presets/presets-api";
import { parseRatePercent, parseTargetValue, resultText, targetValue } from "./fleet-format";

interface Props {
  list: FleetList | null;
  canOperate: boolean;
  apply: (request: FleetApplyRequest) => Promise<FleetApplyAck>;
  results: Record<string, FleetResultMessage[]>;
}

const field = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-950 disabled:opacity-60";
const TONE = { applied: "text-emerald-700 dark:text-emerald-400", failed: "text-red-700 dark:text-red-400", unreachable: "text-amber-700 dark:text-amber-400" } as const;

export function ApplyPanel({ list, canOperate, apply, results }: Props) {
  const [target, setTarget] = useState("all");
  const [mode, setMode] = useState<"rate" | "preset">("rate");
  const [rateText, setRateText] = useState("10");
  const [presets, setPresets] = useState<PresetSummary[]>([]);
  const [presetId, setPresetId] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<FleetApplyStarted | null>(null);

  useEffect(() => {
    void listPresets().then((r) => {
      if (!r.ok) return;
      setPresets(r.value);
      setPresetId((id) => id || r.value[0]?.id || "");
    });
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const t = parseTargetValue(target);
    if (!t) return setError("Pick a target");
    let request: FleetApplyRequest;
    if (mode === "rate") {
      const rate = parseRatePercent(rateText);
      if (!rate.ok) return setError(rate.error);
      request = { target: t, patch: { sampleRate: rate.rate } };
    } else {
      if (!presetId) return setError("Pick a preset");
      request = { target: t, presetId };
    }
    setBusy(true);
    const ack = await apply(request);
    setBusy(false);
    if (ack.ok) setStarted(ack.started);
    else setError(ack.error);
  };

  const arrived = started ? (results[started.applyId] ?? []) : [];
  return (
    <section aria-labelledby="fleet-apply-heading" className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
      <h2 id="fleet-apply-heading" className="text-sm font-semibold">Change the fleet</h2>
      {!canOperate && (
        <p data-testid="fleet-read-only" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          Read-only: sign in as an operator (the URL printed when the server started) to change runtimes.
        </p>
      )}
      <form onSubmit={submit} className="mt-3 flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-xs font-medium">
          Target
          <select className={field} value={target} onChange={(e) => setTarget(e.target.value)} disabled={!canOperate}>
            <option value="all">All runtimes</option>
            {list?.services.map((s) => (
              <optgroup key={s.service} label={s.service}>
                <option value={targetValue({ kind: "service", service: s.service })}>Service {s.service} (all {s.members.filter((m) => m.connected).length})</option>
                {s.members
                  .filter((m) => m.connected)
                  .map((m) => (
                    <option key={m.instance} value={targetValue({ kind: "instance", service: s.service, instance: m.instance })}>
                      {s.service}/{m.instance}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-col gap-2" disabled={!canOperate}>
          <legend className="text-xs font-medium">Change</legend>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="fleet-mode" checked={mode === "rate"} onChange={() => setMode("rate")} /> Sample rate
            </label>
            <input aria-label="Fleet sample rate (%)" inputMode="decimal" className={`${field} w-20 text-right`} value={rateText} onChange={(e) => setRateText(e.target.value)} onFocus={() => setMode("rate")} />
            <span className="text-slate-500">%</span>
          </div>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-1.5">
              <input type="radio" name="fleet-mode" checked={mode === "preset"} onChange={() => setMode("preset")} /> Preset
            </label>
            <select aria-label="Fleet preset" className={`${field} min-w-0 flex-1`} value={presetId} onChange={(e) => setPresetId(e.target.value)} onFocus={() => setMode("preset")}>
              {presets.map((p) => (
                <option key={p.id} value={p.id}>{p.name}</option>
              ))}
            </select>
          </div>
        </fieldset>
        <button
          type="submit"
          disabled={!canOperate || busy}
          className="self-start rounded-md bg-blue-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-blue-800 disabled:cursor-not-allowed disabled:opacity-50 dark:bg-blue-600 dark:hover:bg-blue-500"
        >
          {busy ? "Applying…" : "Apply"}
        </button>
        {error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{error}</p>}
      </form>
      {started && (
        <div className="mt-4 border-t border-slate-200 pt-3 dark:border-slate-800">
          <h3 className="text-xs font-semibold">
            {started.label} → {started.targets.length} runtime{started.targets.length === 1 ? "" : "s"}{" "}
            <span className="font-normal text-slate-500">({arrived.length} answered)</span>
          </h3>
          <ul className="mt-2 flex flex-col gap-1 text-sm" aria-live="polite">
            {started.targets.map((t) => {
              const r = arrived.find((a) => a.service === t.service && a.instance === t.instance);
              return (
                <li key={`${t.service}/${t.instance}`} data-testid="fleet-result" data-target={`${t.service}/${t.instance}`} data-status={r?.result.status ?? "pending"} className="flex gap-2">
                  <span className="min-w-0 flex-1 truncate font-mono text-xs leading-5">{t.service}/{t.instance}</span>
                  <span className={`text-xs leading-5 font-medium ${r ? TONE[r.result.status] : "text-slate-500"}`}>{r ? resultText(r.result) : "waiting…"}</span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
