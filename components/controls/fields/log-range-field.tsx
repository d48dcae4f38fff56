"use client";
/**
 * A setting spanning decades (batch size, export interval, queue size): a log-scale slider for
 * quick moves plus a text box for exact values, both on the same draft field. Moving the slider
 * only edits the draft (the what-if readout follows it); Apply sends it.
 */
import type { ReactNode } from "react";
import type { FieldPath } from "../config-draft";
import type { LogScale } from "../log-range";
import type { ConfigForm } from "../use-config-draft";
import { NumberField } from "./number-field";

interface Props {
  form: ConfigForm;
  path: FieldPath;
  /** The slider's accessible name ("Batch size"); the text box is "<name> (<unit>)". */
  name: string;
  unit: string;
  scale: LogScale;
  effective?: ReactNode;
  hint?: ReactNode;
  format?: (v: number) => string;
}

export function LogRangeField({ form, path, name, unit, scale, effective, hint, format = (v) => v.toLocaleString("en-US") }: Props) {
  const value = form.value(path);
  const numeric = typeof value === "number" ? value : null;
  return (
    <NumberField form={form} path={path} label={`${name} (${unit})`} effective={effective} hint={hint} step={1} min={scale.min} max={scale.max}>
      <input
        type="range"
        aria-label={name}
        aria-valuetext={numeric === null ? "not a number" : `${format(numeric)} ${unit}`}
        min={0}
        max={scale.steps}
        step={1}
        value={numeric === null ? 0 : scale.toPosition(numeric)}
        disabled={form.disabled}
        onChange={(e) => form.set(path, scale.toValue(Number(e.currentTarget.value)))}
        className="tt-range h-5 w-full cursor-pointer disabled:cursor-not-allowed disabled:opacity-50"
      />
    </NumberField>
  );
}
