"use client";
/**
 * State of the sample-rate control: the operator's draft while dragging or waiting for the
 * server, the apply round-trip, and following config changes made elsewhere.
 *
 * Invariants:
 * - At most one `config:apply` is in flight; a newer release while it runs is queued, and only
 *   the latest queued rate is sent after the answer (never a stale one).
 * - Each send carries `baseVersion` = the newest version this page knows (the running config's,
 *   or the version our own last apply produced), so a change made elsewhere meanwhile is not
 *   blindly overwritten: the server refuses it and the toast says why.
 * - The draft is shown until the server's config catches up (no flicker back to the old value),
 *   except while dragging, when the operator's hand always wins.
 * - Nothing is sent that fails the same zod schema the server uses.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { mergeAndValidate } from "../../server/telemetry/config";
import type { ApplyResult, ConfigMessage } from "../../server/telemetry/types";
import type { PushToast } from "../feedback/use-toasts";
import { formatRatePercent } from "./log-scale";

export interface SampleRateControl {
  /** The rate the control shows: the draft if any, else the running config's. */
  rate: number | null;
  applying: boolean;
  dragging: boolean;
  setDragging: (dragging: boolean) => void;
  /** Update the draft (slider move, typing) without sending. */
  preview: (rate: number) => void;
  /** Send the rate (slider release, Enter). Validates first; no-op when nothing changed. */
  commit: (rate?: number) => void;
}

const SAME = 1e-9;

export function useSampleRateControl(
  config: ConfigMessage | null,
  applyPatch: (patch: Record<string, unknown>, baseVersion?: number) => Promise<ApplyResult>,
  toast: PushToast,
  onApplied?: (rate: number, version: number) => void,
): SampleRateControl {
  const [draft, setDraft] = useState<number | null>(null);
  const [applying, setApplying] = useState(false);
  const [dragging, setDraggingState] = useState(false);

  const configRef = useRef(config);
  const draftRef = useRef<number | null>(null);
  const draggingRef = useRef(false);
  const inFlightRef = useRef<number | null>(null);
  const queuedRef = useRef<number | null>(null);
  /** Newest version we know of, including the one our last apply produced. */
  const knownVersionRef = useRef<number>(config?.version ?? 0);
  /** Keep the draft until the running config reaches this version. */
  const holdUntilRef = useRef<number | null>(null);

  const updateDraft = useCallback((rate: number | null) => {
    draftRef.current = rate;
    setDraft(rate);
  }, []);

  // Follow the running config: drop the draft once the server caught up, unless the operator is
  // still dragging or an apply is in flight.
  useEffect(() => {
    configRef.current = config;
    if (!config) return;
    knownVersionRef.current = Math.max(knownVersionRef.current, config.version);
    if (draggingRef.current || inFlightRef.current !== null) return;
    if (holdUntilRef.current !== null && config.version < holdUntilRef.current) return;
    holdUntilRef.current = null;
    updateDraft(null);
  }, [config, updateDraft]);

  const send = useCallback(
    async (rate: number) => {
      const current = configRef.current;
      if (!current) return;
      inFlightRef.current = rate;
      setApplying(true);
      const result = await applyPatch({ sampleRate: rate }, knownVersionRef.current);
      inFlightRef.current = null;
      if (result.status === "applied") {
        knownVersionRef.current = Math.max(knownVersionRef.current, result.version);
        if (result.changed.length > 0) onApplied?.(rate, result.version);
        toast(
          "success",
          result.changed.length === 0 ? `Already running: sample rate ${formatRatePercent(rate)} (v${result.version})` : `Applied v${result.version}: sample rate ${formatRatePercent(rate)}`,
        );
      } else {
        toast("error", `Failed: ${result.error}`);
      }
      const queued = queuedRef.current;
      queuedRef.current = null;
      if (queued !== null && Math.abs(queued - rate) > SAME && result.status === "applied") {
        void send(queued);
        return;
      }
      setApplying(false);
      if (draggingRef.current) return;
      const running = configRef.current;
      if (result.status === "applied" && running && running.version < result.version) {
        // Our own config broadcast has not arrived yet: keep showing the draft until it does.
        holdUntilRef.current = result.version;
        setTimeout(() => {
          if (holdUntilRef.current === result.version && !draggingRef.current && inFlightRef.current === null) {
            holdUntilRef.current = null;
            updateDraft(null);
          }
        }, 3000);
        return;
      }
      updateDraft(null);
    },
    [applyPatch, toast, updateDraft, onApplied],
  );

  const commit = useCallback(
    (explicit?: number) => {
      const rate = explicit ?? draftRef.current;
      const current = configRef.current;
      if (rate === null || !current) return;
      if (inFlightRef.current !== null) {
        // Same value as the one on its way: nothing to queue.
        queuedRef.current = Math.abs(inFlightRef.current - rate) > SAME ? rate : null;
        return;
      }
      if (Math.abs(rate - current.config.sampleRate) <= SAME && holdUntilRef.current === null) {
        updateDraft(null);
        return;
      }
      const checked = mergeAndValidate(current.config, { sampleRate: rate });
      if (!checked.ok) {
        toast("error", `Not sent: ${checked.error}`);
        updateDraft(null);
        return;
      }
      updateDraft(rate);
      void send(rate);
    },
    [send, toast, updateDraft],
  );

  const preview = useCallback((rate: number) => updateDraft(rate), [updateDraft]);

  const setDragging = useCallback((value: boolean) => {
    draggingRef.current = value;
    setDraggingState(value);
  }, []);

  return { rate: draft ?? config?.config.sampleRate ?? null, applying, dragging, setDragging, preview, commit };
}
