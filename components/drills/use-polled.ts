"use client";
/**
 * Polls a small REST resource while the page is visible: on mount, every `intervalMs`, and on
 * `refresh()` (after a change this page made). Answers that arrive after a newer request started
 * are ignored, so a slow poll never overwrites a fresher value.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { Outcome } from "./drills-api";

export function usePolled<T>(fetcher: () => Promise<Outcome<T>>, intervalMs: number): { value: T | null; error: string | null; refresh: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const refresh = useCallback(() => {
    const mine = ++seq.current;
    void fetcherRef.current().then((r) => {
      if (mine !== seq.current) return;
      if (r.ok) {
        setValue(r.value);
        setError(null);
      } else setError(r.error);
    });
  }, []);

  useEffect(() => {
    refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") refresh();
    }, intervalMs);
    return () => clearInterval(timer);
  }, [refresh, intervalMs]);

  return { value, error, refresh };
}
