"use client";
/**
 * Small transient notifications ("Applied v7", "Failed: ..."). Newest last, at most MAX_TOASTS
 * visible; successes leave after 5 s, errors stay 10 s (an operator must have time to read why).
 */
import { useCallback, useEffect, useRef, useState } from "react";

export type ToastTone = "success" | "error" | "info";

export interface Toast {
  id: number;
  tone: ToastTone;
  text: string;
}

export type PushToast = (tone: ToastTone, text: string) => void;

const MAX_TOASTS = 4;
const LIFETIME_MS: Record<ToastTone, number> = { success: 5000, info: 5000, error: 10000 };

export function useToasts(): { toasts: Toast[]; push: PushToast; dismiss: (id: number) => void } {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
    setToasts((list) => list.filter((t) => t.id !== id));
  }, []);

  const push = useCallback<PushToast>(
    (tone, text) => {
      const id = nextId.current++;
      setToasts((list) => [...list, { id, tone, text }].slice(-MAX_TOASTS));
      timers.current.set(id, setTimeout(() => dismiss(id), LIFETIME_MS[tone]));
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
    };
  }, []);

  return { toasts, push, dismiss };
}
