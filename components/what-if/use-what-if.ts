"use client";
/**
 * Wires the what-if projection to the live page: the knobs under the operator's hand (the sample
 * rate slider's draft, the form's draft), the measured figures (snapshot + chart history), and
 * the projection frozen at the moment a change was applied, for "projected vs actual".
 */
import { useCallback, useMemo, useRef, useState } from "react";
import type { TelemetryConfig } from "../../server/telemetry/config";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { ChartHistory } from "../charts/chart-history";
import { formatRatePercent } from "../controls/log-scale";
import { knobsOf, measure, queuePeakWindowMs } from "./measured";
import { KNOB_KEYS, knobsDiffer, project, type Knobs, type Projection } from "./projection";
import type { AppliedProjection, Figures } from "./what-if-panel";

const KNOB_LABEL: Record<keyof Knobs, (v: number) => string> = {
  sampleRate: (v) => `sample rate ${formatRatePercent(v)}`,
  batchSize: (v) => `batch ${v.toLocaleString("en-US")}`,
  exportIntervalMs: (v) => `interval ${v.toLocaleString("en-US")} ms`,
  maxQueueSize: (v) => `queue ${v.toLocaleString("en-US")}`,
};

function describe(running: Knobs, proposed: Knobs): string {
  return KNOB_KEYS.filter((k) => Math.abs(running[k] - proposed[k]) > 1e-9)
    .map((k) => KNOB_LABEL[k](proposed[k]))
    .join(", ");
}

export interface WhatIf {
  now: Figures | null;
  projected: Projection | null;
  proposedLabel: string | null;
  lastApplied: AppliedProjection | null;
  settleSec: number;
  clock: number;
  /**
   * Freeze the last projection as "projected" for the version just applied, if it was made for
   * the knob values that were applied (an abandoned drag never pairs with a later apply).
   */
  recordApplied: (version: number, applied: Partial<Knobs>) => void;
}

export function useWhatIf(
  snapshot: TelemetrySnapshot | null,
  config: TelemetryConfig | null,
  history: ChartHistory,
  draft: { sampleRate: number | null; form: Partial<Record<keyof Knobs, unknown>> },
): WhatIf {
  const [lastApplied, setLastApplied] = useState<AppliedProjection | null>(null);
  const latest = useRef<{ projection: Projection; label: string; knobs: Knobs } | null>(null);

  const running = useMemo(() => (config ? knobsOf(config) : null), [config]);
  const proposed = useMemo<Knobs | null>(() => {
    if (!running) return null;
    const out = { ...running };
    if (draft.sampleRate !== null) out.sampleRate = draft.sampleRate;
    for (const k of KNOB_KEYS) {
      const v = draft.form[k];
      if (typeof v === "number" && Number.isFinite(v) && v > 0) out[k] = v;
    }
    return out;
  }, [running, draft.sampleRate, draft.form]);

  const last = history.last;
  const measured = useMemo(() => {
    if (!snapshot || !config) return null;
    const queuePeakPct = history.maxOver("queuePct", queuePeakWindowMs(config));
    return measure(snapshot, config, { sentBytesPerSec: last?.sentBps ?? null, queuePeakPct });
  }, [snapshot, config, history, last]);

  const projected = useMemo(() => {
    if (!measured || !running || !proposed || !knobsDiffer(running, proposed)) return null;
    return project(measured, running, proposed);
  }, [measured, running, proposed]);
  const proposedLabel = projected && running && proposed ? describe(running, proposed) : null;
  // Kept after the draft clears: the config broadcast usually arrives before the apply's ack.
  if (projected && proposedLabel && proposed) latest.current = { projection: projected, label: proposedLabel, knobs: proposed };

  const now = useMemo<Figures | null>(
    () =>
      measured
        ? { exportedPerSec: measured.exportedPerSec, sentBytesPerSec: measured.sentBytesPerSec, queueUtilization: measured.queueUtilization, overheadPercent: measured.overheadPercent }
        : null,
    [measured],
  );

  const clock = snapshot?.ts ?? 0;
  const clockRef = useRef(clock);
  clockRef.current = clock;
  const recordApplied = useCallback((version: number, applied: Partial<Knobs>) => {
    const l = latest.current;
    const keys = KNOB_KEYS.filter((k) => typeof applied[k] === "number");
    if (!l || keys.length === 0 || !keys.every((k) => Math.abs((applied[k] as number) - l.knobs[k]) <= 1e-9)) return;
    latest.current = null;
    setLastApplied({ version, at: clockRef.current, projected: l.projection, label: l.label });
  }, []);

  const settleSec = config ? Math.min(10, Math.max(3, (2 * config.exportIntervalMs) / 1000)) + 1 : 5;
  return { now, projected, proposedLabel, lastApplied, settleSec, clock, recordApplied };
}
