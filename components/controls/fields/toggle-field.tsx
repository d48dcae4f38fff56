"use client";
/** An on/off setting as a checkbox (Space toggles it). */
import type { ReactNode } from "react";
import type { FieldPath } from "../config-draft";
import type { ConfigForm } from "../use-config-draft";
import { describedBy, FieldShell } from "./field-shell";
import { useField } from "./use-field";

interface Props {
  form: ConfigForm;
  path: FieldPath;
  label: string;
  effective?: ReactNode;
  hint?: ReactNode;
}

export function ToggleField({ form, path, label, effective, hint }: Props) {
  const f = useField(form, path);
  return (
    <FieldShell id={f.id} label={label} error={f.error} changed={f.changed} pending={f.pending} running={f.running} effective={effective} hint={hint} inline>
      <input
        id={f.id}
        type="checkbox"
        checked={f.value === true}
        disabled={f.disabled}
        aria-describedby={describedBy(f.id, { error: f.error, changed: f.changed, effective, hint })}
        onChange={(e) => f.set(e.currentTarget.checked)}
        className="h-4 w-4 accent-blue-700 disabled:cursor-not-allowed dark:accent-blue-400"
      />
    </FieldShell>
  );
}
