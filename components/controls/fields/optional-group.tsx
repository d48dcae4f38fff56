"use client";
/**
 * A setting that is an object or null (dynamic batching, circuit breaker, guards): a checkbox
 * switches it between off (null) and `defaults` (the guide's values); its fields show when on.
 */
import type { ReactNode } from "react";
import type { FieldPath } from "../config-draft";
import type { ConfigForm } from "../use-config-draft";
import { describedBy, FieldShell } from "./field-shell";
import { useField } from "./use-field";

interface Props {
  form: ConfigForm;
  path: FieldPath;
  label: string;
  defaults: object;
  effective?: ReactNode;
  hint?: ReactNode;
  children: ReactNode;
}

export function OptionalGroup({ form, path, label, defaults, effective, hint, children }: Props) {
  const f = useField(form, path);
  const on = f.value !== null && f.value !== undefined;
  // The toggle itself counts as changed only when on/off differs from the running config.
  const runningOn = form.runningValue(path) !== null;
  const toggled = on !== runningOn;
  return (
    <fieldset className="flex flex-col gap-2 rounded-md border border-slate-200 p-2.5 dark:border-slate-700">
      <legend className="sr-only">{label}</legend>
      <FieldShell id={f.id} label={label} error={f.error} changed={toggled} pending={f.pending} running={runningOn ? "on" : "off"} effective={effective} hint={hint} inline>
        <input
          id={f.id}
          type="checkbox"
          checked={on}
          disabled={f.disabled}
          aria-describedby={describedBy(f.id, { error: f.error, changed: toggled, effective, hint })}
          onChange={(e) => f.set(e.currentTarget.checked ? (form.runningValue(path) ?? defaults) : null)}
          className="h-4 w-4 accent-blue-700 disabled:cursor-not-allowed dark:accent-blue-400"
        />
      </FieldShell>
      {on && <div className="grid grid-cols-2 gap-x-3 gap-y-2">{children}</div>}
    </fieldset>
  );
}
