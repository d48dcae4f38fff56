"use client";
/** What every field reads from the form for its path: value, running value, error, changed. */
import { useId } from "react";
import { formatValue, pathKey, type FieldPath } from "../config-draft";
import type { ConfigForm } from "../use-config-draft";

export function useField(form: ConfigForm, path: FieldPath) {
  const id = `f-${pathKey(path).replace(/[^a-zA-Z0-9]/g, "-")}-${useId().replace(/:/g, "")}`;
  const value = form.value(path);
  const changed = form.changed(path);
  return {
    id,
    value,
    changed,
    running: formatValue(form.runningValue(path)),
    error: form.error(path),
    disabled: form.disabled,
    pending: form.pending && changed,
    set: (v: unknown) => form.set(path, v),
  };
}
