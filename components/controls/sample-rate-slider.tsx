"use client";
/**
 * The sample-rate control: a native range input on a log scale (0.1 % to 100 %) with an exact
 * readout, plus a numeric field for precise values. A value is sent on release (pointer up,
 * key up, Enter, leaving the field), never on every move.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { ApplyResult, ConfigMessage } from "../../server/telemetry/types";
import type { PushToast } from "../feedback/use-toasts";
import { formatRatePercent, positionToRate, rateToPosition, roundRate, SLIDER_STEPS } from "./log-scale";
import { useSampleRateControl } from "./use-sample-rate-control";

interface Props {
  config: ConfigMessage | null;
  effectiveRate: number | null;
  samplerType: string | null;
  /** False for read-only viewers and while offline: the controls are disabled. */
  canOperate: boolean;
  /** Why changes are not possible right now, shown when canOperate is false. */
  readOnlyReason?: string;
  applyPatch: (patch: Record<string, unknown>, baseVersion?: number) => Promise<ApplyResult>;
  toast: PushToast;
  /** The rate the control shows while it differs from the running one (dragging, typing, sending); null otherwise. */
  onDraftRate?: (rate: number | null) => void;
  /** Called after the server applied a new rate. */
  onApplied?: (rate: number, version: number) => void;
}

const STEP_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

/** "10", "2.5", "0.125": a rate as the percent a person would type. */
function percentText(rate: number): string {
  return String(Number((rate * 100).toPrecision(4)));
}

export function SampleRateSlider({ config, effectiveRate, samplerType, canOperate, readOnlyReason, applyPatch, toast, onDraftRate, onApplied }: Props) {
  const control = useSampleRateControl(config, applyPatch, toast, onApplied);
  const { rate, applying, dragging, setDragging, preview, commit } = control;
  const runningRate = config?.config.sampleRate ?? null;

  // Tell the what-if readout about the rate under the operator's hand.
  useEffect(() => {
    onDraftRate?.(rate !== null && runningRate !== null && Math.abs(rate - runningRate) > 1e-9 ? rate : null);
  }, [rate, runningRate, onDraftRate]);
  const inputRef = useRef<HTMLInputElement>(null);
  const [typed, setTyped] = useState<string | null>(null);
  const [typedError, setTypedError] = useState<string | null>(null);
  const errorId = useId();
  const disabled = !config || !canOperate;

  /** True while an arrow/page key is held: Chromium fires `change` on every key repeat then. */
  const keyHeldRef = useRef(false);

  // The browser's native `change` fires once on release (mouse) and is the surest "done" signal.
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const onChange = () => {
      if (keyHeldRef.current) return; // committed on keyup instead
      setDragging(false);
      commit(positionToRate(Number(input.value)));
    };
    input.addEventListener("change", onChange);
    return () => input.removeEventListener("change", onChange);
  }, [commit, setDragging]);

  const release = () => {
    if (!inputRef.current) return;
    setDragging(false);
    commit(positionToRate(Number(inputRef.current.value)));
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (STEP_KEYS.has(e.key)) keyHeldRef.current = true;
  };
  const onKeyUp = (e: KeyboardEvent<HTMLInputElement>) => {
    if (!STEP_KEYS.has(e.key)) return;
    keyHeldRef.current = false;
    release();
  };

  const submitTyped = () => {
    if (typed === null) return;
    const text = typed.trim().replace(",", ".");
    const pct = Number(text);
    if (text === "" || !Number.isFinite(pct)) {
      setTypedError("Enter a number from 0 to 100");
      return;
    }
    if (pct < 0 || pct > 100) {
      setTypedError("The sample rate must be from 0 to 100 %");
      return;
    }
    setTypedError(null);
    setTyped(null);
    commit(roundRate(pct / 100));
  };

  const position = rate === null ? SLIDER_STEPS : rateToPosition(rate);
  const readout = rate === null ? "–" : formatRatePercent(rate);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor="sample-rate-slider" className="text-sm font-medium text-slate-700 dark:text-slate-300">
          Sample rate
        </label>
        <output htmlFor="sample-rate-slider" data-testid="sample-rate-readout" className="font-mono text-2xl font-semibold tabular-nums">
          {readout}
        </output>
      </div>
      <input
        ref={inputRef}
        id="sample-rate-slider"
        type="range"
        aria-label="Sample rate"
        aria-valuetext={readout}
        min={0}
        max={SLIDER_STEPS}
        step={1}
        value={position}
        disabled={disabled}
        onPointerDown={() => setDragging(true)}
        onPointerUp={release}
        onPointerCancel={release}
        onKeyDown={onKeyDown}
        onKeyUp={onKeyUp}
        onBlur={() => {
          if (keyHeldRef.current) release();
          keyHeldRef.current = false;
        }}
        onChange={(e) => preview(positionToRate(Number(e.currentTarget.value)))}
        className="tt-range h-6 w-full cursor-pointer disabled:cursor-not-allowed disabled:opacity-50"
      />
      <div aria-hidden className="-mt-2 flex justify-between font-mono text-[11px] text-slate-500 dark:text-slate-400">
        <span>0.1 %</span>
        <span>1 %</span>
        <span>10 %</span>
        <span>100 %</span>
      </div>

      <div className="flex flex-wrap items-end gap-3">
        <div className="flex flex-col gap-1">
          <label htmlFor="sample-rate-percent" className="text-xs font-medium text-slate-600 dark:text-slate-400">
            Sample rate (%)
          </label>
          <input
            id="sample-rate-percent"
            type="number"
            inputMode="decimal"
            min={0}
            max={100}
            step="any"
            disabled={disabled}
            value={typed ?? (rate === null ? "" : percentText(rate))}
            aria-invalid={typedError ? true : undefined}
            aria-describedby={typedError ? errorId : undefined}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              setTypedError(null);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter") submitTyped();
              if (e.key === "Escape") {
                setTyped(null);
                setTypedError(null);
              }
            }}
            onBlur={submitTyped}
            className="w-28 rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-sm tabular-nums dark:border-slate-600 dark:bg-slate-900 disabled:opacity-50"
          />
        </div>
        <p className="min-h-5 text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {applying ? (
            <span className="font-medium text-blue-700 dark:text-blue-300">applying…</span>
          ) : dragging ? (
            <span>release to apply</span>
          ) : !canOperate ? (
            <span>{readOnlyReason ?? "read-only"}</span>
          ) : null}
        </p>
      </div>
      {typedError && (
        <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-300">
          {typedError}
        </p>
      )}

      <dl className="grid grid-cols-2 gap-2 rounded-md bg-slate-100 px-3 py-2 text-sm dark:bg-slate-800/60">
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Operator setting</dt>
          <dd className="font-mono tabular-nums" data-testid="configured-rate">
            {config ? formatRatePercent(config.config.sampleRate) : "–"}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500 dark:text-slate-400">Effective{samplerType ? ` (${samplerType})` : ""}</dt>
          <dd className="font-mono tabular-nums" data-testid="effective-rate">
            {effectiveRate === null ? "–" : formatRatePercent(effectiveRate)}
          </dd>
        </div>
      </dl>
    </div>
  );
}
