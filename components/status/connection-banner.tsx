"use client";
/** Shown only when the figures are not live, so nobody acts on frozen numbers by mistake. */
import type { ConnectionState } from "../realtime/use-telemetry-socket";
import { formatClock } from "./format";

export function ConnectionBanner({ connection, lastSnapshotTs }: { connection: ConnectionState; lastSnapshotTs: number | null }) {
  if (connection === "connected" || (connection === "connecting" && lastSnapshotTs === null)) return null;
  const offline = connection === "offline";
  return (
    <div
      role="alert"
      className={`rounded-lg border px-4 py-2 text-sm font-medium ${
        offline
          ? "border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
          : "border-amber-300 bg-amber-50 text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100"
      }`}
    >
      {offline ? "Offline: the server cannot be reached; still retrying." : "Connection lost: reconnecting…"}{" "}
      {lastSnapshotTs !== null ? `Figures are frozen at ${formatClock(lastSnapshotTs)}.` : "No figures yet."} Changes cannot be applied until it is back.
    </div>
  );
}
