"use client";
/**
 * The controls' apply flow: one draft across every group, validated as the operator types (the
 * server's zod schema), sent with `baseVersion` = the version the draft was started on, pending
 * until the ack, answered with a toast.
 *
 * Invariants:
 * - At most one apply is in flight; Apply is refused (nothing sent) while the draft is invalid.
 * - The draft's base is fixed when its first edit is made. A change made elsewhere after that is
 *   not overwritten blindly: the server refuses the stale apply, the draft stays, and `stale`
 *   lists what changed meanwhile (with the new running values) until the operator re-applies on
 *   the new version or discards.
 * - After an applied answer the draft is kept until the running config reaches that version (no
 *   flicker back to old values), then the keys that now match are pruned.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ConfigChangeEntry, ConfigIssue, ConfigPatch, TelemetryConfig } from "../../server/telemetry/config";
import type { ApplyResult, ConfigMessage } from "../../server/telemetry/types";
import type { PushToast } from "../feedback/use-toasts";
import { changedKeys, changesSince, issuesByPath, isStaleRefusal, pathKey, prune, setField, validateDraft, valueAt, type Draft, type FieldPath } from "./config-draft";

export type ApplyPatch = (patch: Record<string, unknown>, baseVersion?: number) => Promise<ApplyResult>;

export interface StaleInfo {
  baseVersion: number;
  runningVersion: number;
  changes: ConfigChangeEntry[];
}

export interface ConfigForm {
  running: TelemetryConfig;
  draft: Draft;
  /** The value a control shows (draft or running). */
  value(path: FieldPath): unknown;
  runningValue(path: FieldPath): unknown;
  set(path: FieldPath, value: unknown): void;
  /** Client validation message, else the server's for this exact path. */
  error(path: FieldPath): string | undefined;
  changed(path: FieldPath): boolean;
  disabled: boolean;
  pending: boolean;
}

export interface ConfigDraftState {
  form: ConfigForm | null;
  changes: string[];
  valid: boolean;
  /** Every client validation issue (also those no field shows). */
  issues: ConfigIssue[];
  pending: boolean;
  stale: StaleInfo | null;
  apply(): Promise<void>;
  /** Re-base the draft on the running version and apply it. */
  reapply(): Promise<void>;
  discard(): void;
  /** Apply a ready-made patch (one-click fixes, drills) through the same flow, on the running version. */
  applyNow(patch: ConfigPatch, what: string): Promise<ApplyResult | null>;
}

export function useConfigDraft(
  config: ConfigMessage | null,
  applyPatch: ApplyPatch,
  toast: PushToast,
  canOperate: boolean,
  onApplied?: (patch: Record<string, unknown>, version: number) => void,
): ConfigDraftState {
  const [draft, setDraft] = useState<Draft>({});
  const [base, setBase] = useState<{ version: number; config: TelemetryConfig } | null>(null);
  const [pending, setPending] = useState(false);
  const [serverIssues, setServerIssues] = useState<Record<string, string>>({});
  const [staleFrom, setStaleFrom] = useState<number | null>(null);
  const [holdUntil, setHoldUntil] = useState<number | null>(null);
  const inFlight = useRef(false);

  const running = config?.config ?? null;

  // The running config moved: prune what it caught up with (our apply, or the same edit elsewhere).
  useEffect(() => {
    if (!config) return;
    if (holdUntil !== null && config.version < holdUntil) return;
    if (holdUntil !== null) setHoldUntil(null);
    setDraft((d) => prune(config.config, d));
  }, [config, holdUntil]);

  // An empty draft has no base; the first edit fixes it.
  useEffect(() => {
    if (changedKeys(draft).length === 0 && base !== null && !pending) {
      setBase(null);
      setStaleFrom(null);
    }
  }, [draft, base, pending]);

  const validation = useMemo(() => (running ? validateDraft(running, draft) : { ok: true, errors: {}, issues: [], summary: null }), [running, draft]);

  const send = useCallback(
    async (patch: Record<string, unknown>, baseVersion: number, what: string): Promise<ApplyResult | null> => {
      if (inFlight.current) return null;
      inFlight.current = true;
      setPending(true);
      const result = await applyPatch(patch, baseVersion);
      inFlight.current = false;
      setPending(false);
      if (result.status === "applied") {
        setServerIssues({});
        setStaleFrom(null);
        setHoldUntil(result.version);
        toast("success", result.changed.length === 0 ? `Already running (v${result.version}): ${what}` : `Applied v${result.version}: ${result.changed.join(", ")}`);
        onApplied?.(patch, result.version);
      } else if (isStaleRefusal(result)) {
        setStaleFrom(baseVersion);
        toast("error", `Not applied: ${result.error}`);
      } else {
        setServerIssues(issuesByPath(result.issues));
        toast("error", `Failed: ${result.error}`);
      }
      return result;
    },
    [applyPatch, toast, onApplied],
  );

  const apply = useCallback(async () => {
    if (!running || !base || !canOperate) return;
    const keys = changedKeys(draft);
    if (keys.length === 0) return;
    if (!validation.ok) {
      toast("error", `Not sent: ${validation.summary ?? "fix the highlighted fields"}`);
      return;
    }
    await send(draft as Record<string, unknown>, base.version, keys.join(", "));
  }, [running, base, canOperate, draft, validation, toast, send]);

  const reapply = useCallback(async () => {
    if (!config || !canOperate) return;
    const rebased = prune(config.config, draft);
    setDraft(rebased);
    setBase({ version: config.version, config: config.config });
    setStaleFrom(null);
    const keys = changedKeys(rebased);
    if (keys.length === 0) return;
    const check = validateDraft(config.config, rebased);
    if (!check.ok) {
      toast("error", `Not sent: ${check.summary}`);
      return;
    }
    await send(rebased as Record<string, unknown>, config.version, keys.join(", "));
  }, [config, canOperate, draft, toast, send]);

  const discard = useCallback(() => {
    setDraft({});
    setServerIssues({});
    setStaleFrom(null);
    setBase(null);
  }, []);

  const applyNow = useCallback(
    async (patch: ConfigPatch, what: string) => (config && canOperate ? send(patch as Record<string, unknown>, config.version, what) : null),
    [config, canOperate, send],
  );

  const set = useCallback(
    (path: FieldPath, value: unknown) => {
      if (!config) return;
      setBase((b) => b ?? { version: config.version, config: config.config });
      setServerIssues((s) => {
        const k = pathKey(path);
        if (!(k in s)) return s;
        const next = { ...s };
        delete next[k];
        return next;
      });
      setDraft((d) => setField(config.config, d, path, value));
    },
    [config],
  );

  const disabled = !config || !canOperate;
  const form = useMemo<ConfigForm | null>(() => {
    if (!running) return null;
    return {
      running,
      draft,
      value: (path) => valueAt(running, draft, path),
      runningValue: (path) => valueAt(running, {}, path),
      set,
      error: (path) => {
        const k = pathKey(path);
        return validation.errors[k] ?? serverIssues[k];
      },
      changed: (path) => pathKey(path).split(".")[0] in draft && JSON.stringify(valueAt(running, draft, path)) !== JSON.stringify(valueAt(running, {}, path)),
      disabled,
      pending,
    };
  }, [running, draft, set, validation, serverIssues, disabled, pending]);

  // Stale: after a refusal, or as soon as the running config moved past the draft's base.
  const stale = useMemo<StaleInfo | null>(() => {
    if (!config || !base || changedKeys(draft).length === 0) return null;
    if (staleFrom === null && config.version === base.version) return null;
    if (holdUntil !== null) return null;
    return { baseVersion: base.version, runningVersion: config.version, changes: changesSince(base.config, config.config) };
  }, [config, base, draft, staleFrom, holdUntil]);

  // One object per actual change, so memoized panels that take the draft skip the 4 Hz renders.
  const changes = useMemo(() => changedKeys(draft), [draft]);
  return useMemo(
    () => ({ form, changes, valid: validation.ok, issues: validation.issues, pending, stale, apply, reapply, discard, applyNow }),
    [form, changes, validation, pending, stale, apply, reapply, discard, applyNow],
  );
}
