"use client";
/** A free-text setting (endpoint URL, file path, truncation marker). */
import type { ReactNode } from "react";
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
  placeholder?: string;
}

export function TextField({ form, path, label, effective, hint, placeholder }: Props) {
  const f = useField(form, path);
  return (
    <FieldShell id={f.id} label={label} error={f.error} changed={f.changed} pending={f.pending} running={f.running} effective={effective} hint={hint}>
      <input
        id={f.id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={typeof f.value === "string" ? f.value : ""}
        disabled={f.disabled}
        aria-invalid={f.error ? true : undefined}
        aria-describedby={describedBy(f.id, { error: f.error, changed: f.changed, effective, hint })}
        onChange={(e) => f.set(e.currentTarget.value)}
        className={INPUT_CLASS}
      />
    </FieldShell>
  );
}
