"use client";
/** A setting with a fixed set of values, as a native select (keyboard: arrows, type-ahead). */
import type { ReactNode } from "react";
import type { FieldPath } from "../config-draft";
import type { ConfigForm } from "../use-config-draft";
import { describedBy, FieldShell, INPUT_CLASS } from "./field-shell";
import { useField } from "./use-field";

interface Props {
  form: ConfigForm;
  path: FieldPath;
  label: string;
  options: readonly (string | { value: string; label: string })[];
  effective?: ReactNode;
  hint?: ReactNode;
  /** Replaces the default "set this value" (e.g. the sampler type swaps in a whole object). */
  onSelect?: (value: string) => void;
}

export function SelectField({ form, path, label, options, effective, hint, onSelect }: Props) {
  const f = useField(form, path);
  return (
    <FieldShell id={f.id} label={label} error={f.error} changed={f.changed} pending={f.pending} running={f.running} effective={effective} hint={hint}>
      <select
        id={f.id}
        value={String(f.value ?? "")}
        disabled={f.disabled}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.id, { error: f.error, changed: f.changed, effective, hint })}
        onChange={(e) => (onSelect ? onSelect(e.currentTarget.value) : f.set(e.currentTarget.value))}
        className={`${INPUT_CLASS} font-sans`}
      >
        {options.map((o) => {
          const { value, label: text } = typeof o === "string" ? { value: o, label: o } : o;
          return (
            <option key={value} value={value}>
              {text}
            </option>
          );
        })}
      </select>
    </FieldShell>
  );
}
