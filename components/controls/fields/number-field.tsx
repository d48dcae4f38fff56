"use client";
/**
 * A numeric setting. The text is kept while the operator types (so "1." or "" can be on the way
 * to a number); anything that is not a number goes into the draft as text, where the shared
 * schema rejects it and the field says "Enter a number".
 */
import { useState, type ReactNode } from "react";
import type { FieldPath } from "../config-draft";
import type { ConfigForm } from "../use-config-draft";
import { describedBy, FieldShell, INPUT_CLASS } from "./field-shell";
import { useField } from "./use-field";

interface Props {
  form: ConfigForm;
  path: FieldPath;
  label: string;
  effective?: ReactNode;
  hint?: ReactNode;
  step?: number | "any";
  min?: number;
  max?: number;
  /** A companion control (a slider) rendered above the text box. */
  children?: ReactNode;
}

export function parseNumber(text: string): number | string {
  const t = text.trim().replace(",", ".");
  if (t === "") return text;
  const n = Number(t);
  return Number.isFinite(n) ? n : text;
}

export function NumberField({ form, path, label, effective, hint, step = "any", min, max, children }: Props) {
  const f = useField(form, path);
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (typeof f.value === "number" ? String(f.value) : typeof f.value === "string" ? f.value : "");
  const error = typeof f.value === "string" ? "Enter a number" : f.error;
  return (
    <FieldShell id={f.id} label={label} error={error} changed={f.changed} pending={f.pending} running={f.running} effective={effective} hint={hint}>
      {children}
      <input
        id={f.id}
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellCheck={false}
        value={shown}
        disabled={f.disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(f.id, { error, changed: f.changed, effective, hint })}
        onChange={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          f.set(parseNumber(t));
        }}
        onKeyDown={(e) => {
          // Arrow keys step the value, as in a spin button (a text input keeps the caret otherwise).
          if ((e.key === "ArrowUp" || e.key === "ArrowDown") && typeof f.value === "number" && typeof step === "number") {
            e.preventDefault();
            const next = f.value + (e.key === "ArrowUp" ? step : -step);
            const bounded = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, Number(next.toPrecision(12))));
            setText(null);
            f.set(bounded);
          }
          if (e.key === "Escape") {
            setText(null);
            f.set(form.runningValue(path));
          }
        }}
        onBlur={() => setText(null)}
        className={INPUT_CLASS}
      />
    </FieldShell>
  );
}
