"use client";
/**
 * Export every user preset as a JSON file, and import such a file (or one written with the
 * guide's snake_case names). An import is all or nothing; a refusal lists what is wrong.
 */
import { useRef, useState } from "react";
import type { PushToast } from "../feedback/use-toasts";
import { importPresets } from "./presets-api";

/** Larger files are refused before upload (the server takes at most 1 MB). */
const MAX_IMPORT_BYTES = 1024 * 1024;

interface Props {
  canOperate: boolean;
  onImported: () => void;
  toast: PushToast;
}

export function PresetsTransfer({ canOperate, onImported, toast }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProblem(null);
    if (file.size > MAX_IMPORT_BYTES) {
      setProblem(`"${file.name}" is larger than 1 MB; nothing was imported.`);
      return;
    }
    setBusy(true);
    const result = await importPresets(await file.text());
    setBusy(false);
    if (input.current) input.current.value = "";
    if (result.ok) {
      const { imported, skipped } = result.value;
      toast("success", `Imported ${imported} ${imported === 1 ? "preset" : "presets"}${skipped ? `, ${skipped} skipped` : ""} from "${file.name}"`);
      onImported();
    } else setProblem(result.error);
  };

  return (
    <div className="flex flex-col gap-2 border-t border-slate-200 pt-3 dark:border-slate-700/70">
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <a
          href="/api/presets/export"
          download
          className="rounded-md border border-slate-300 px-2.5 py-1 font-medium hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-blue-600 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          Export presets
        </a>
        <button
          type="button"
          disabled={!canOperate || busy}
          onClick={() => input.current?.click()}
          className="rounded-md border border-slate-300 px-2.5 py-1 font-medium hover:bg-slate-100 disabled:cursor-not-allowed disabled:opacity-50 dark:border-slate-600 dark:hover:bg-slate-800"
        >
          {busy ? "Importing…" : "Import…"}
        </button>
        <input
          ref={input}
          type="file"
          accept="application/json,.json"
          className="hidden"
          aria-label="Presets file to import"
          data-testid="preset-import-input"
          onChange={(e) => void onFile(e.currentTarget.files?.[0])}
        />
        <span className="text-slate-500 dark:text-slate-400">JSON; the guide&apos;s snake_case names work too</span>
      </div>
      {problem && (
        <div role="alert" className="flex items-start justify-between gap-2 rounded-md bg-red-50 px-3 py-2 text-xs text-red-800 dark:bg-red-950 dark:text-red-200">
          <span className="break-words">{problem}</span>
          <button type="button" onClick={() => setProblem(null)} className="shrink-0 rounded border border-current px-1.5" aria-label="Dismiss import error">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
