"use client";
/** The history page's top bar: the shared page header with the history's title. */
import { SessionPageHeader } from "../nav/page-header";
import type { ControlSession } from "./use-control-session";

export function HistoryHeader({ session }: { session: ControlSession }) {
  return <SessionPageHeader session={session} title="Config history" subtitle="every change, applied or refused, newest first" testIdPrefix="history" />;
}
