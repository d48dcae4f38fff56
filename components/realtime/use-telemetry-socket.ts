"use client";
/**
 * The dashboard's one socket.io connection (same origin, default path /socket.io/).
 *
 * - Snapshots arrive every 250 ms; the latest is kept in a ref and flushed into React state at
 *   most once per SNAPSHOT_INTERVAL_MS, so a burst (e.g. after a reconnect) never causes a
 *   re-render storm.
 * - Connection state: "connecting" until the first connect, "reconnecting" while socket.io
 *   retries after a loss, "offline" after OFFLINE_AFTER_FAILURES failed attempts (it keeps
 *   retrying in the background and flips back to "connected" by itself).
 * - `role` comes from the server's `session` message: viewers see everything, change nothing.
 * - `applyPatch` emits `config:apply` with an ack and a timeout; the promise always settles
 *   with an ApplyResult (network trouble becomes a "failed" result with a clear message).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import { SNAPSHOT_INTERVAL_MS, type ClientToServerEvents, type ServerToClientEvents } from "../../server/realtime/contract";
import type { TelemetrySnapshot } from "../../server/telemetry/snapshot";
import type { ApplyResult, ConfigMessage } from "../../server/telemetry/types";
import { appendConfig, appendEvent, type LogEntry } from "../events/event-log";
import { parseApplyResult, parseConfigMessage, parseRuntimeEvent, parseSession, parseSnapshot } from "./inbound-schemas";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";
/** What the server lets this dashboard do (sent on connect); null until it said. */
export type SessionRole = "operator" | "viewer" | null;

export const OFFLINE_AFTER_FAILURES = 3;
export const APPLY_TIMEOUT_MS = 8000;

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TelemetrySocket {
  connection: ConnectionState;
  role: SessionRole;
  snapshot: TelemetrySnapshot | null;
  config: ConfigMessage | null;
  events: LogEntry[];
  /** Bumped on every `presets:changed`: a dependency for refetching the presets list. */
  presetsRevision: number;
  applyPatch: (patch: Record<string, unknown>, baseVersion?: number) => Promise<ApplyResult>;
}

function failed(error: string): ApplyResult {
  return { status: "failed", error, issues: [] };
}

export function useTelemetrySocket(): TelemetrySocket {
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [role, setRole] = useState<SessionRole>(null);
  const [snapshot, setSnapshot] = useState<TelemetrySnapshot | null>(null);
  const [config, setConfig] = useState<ConfigMessage | null>(null);
  const [events, setEvents] = useState<LogEntry[]>([]);
  const [presetsRevision, setPresetsRevision] = useState(0);
  const socketRef = useRef<TypedSocket | null>(null);

  useEffect(() => {
    const socket: TypedSocket = io({ transports: ["websocket", "polling"] });
    socketRef.current = socket;
    let failures = 0;
    let everConnected = false;
    let firstConfigOfConnection = true;

    // Throttled snapshot flush: at most one React update per interval.
    let pending: TelemetrySnapshot | null = null;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastFlush = 0;
    const flush = () => {
      timer = null;
      lastFlush = Date.now();
      if (pending) setSnapshot(pending);
      pending = null;
    };

    socket.on("connect", () => {
      failures = 0;
      everConnected = true;
      firstConfigOfConnection = true;
      setConnection("connected");
    });
    socket.on("disconnect", (reason) => {
      setConnection("reconnecting");
      // A server-side disconnect is not retried by socket.io on its own: ask again.
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", () => {
      failures++;
      if (failures >= OFFLINE_AFTER_FAILURES) setConnection("offline");
      else setConnection(everConnected ? "reconnecting" : "connecting");
    });

    socket.on("snapshot", (raw) => {
      const s = parseSnapshot(raw);
      if (!s) return;
      pending = s;
      if (timer) return;
      const wait = Math.max(0, lastFlush + SNAPSHOT_INTERVAL_MS - Date.now());
      timer = setTimeout(flush, wait);
    });
    socket.on("config", (raw) => {
      const message = parseConfigMessage(raw);
      if (!message) return;
      const initial = firstConfigOfConnection;
      firstConfigOfConnection = false;
      setConfig((prev) => (prev && prev.version === message.version && prev.hash === message.hash ? prev : message));
      setEvents((log) => appendConfig(log, message, Date.now(), initial));
    });
    socket.on("event", (raw) => {
      const event = parseRuntimeEvent(raw);
      if (event) setEvents((log) => appendEvent(log, event));
    });
    socket.on("session", (raw) => {
      const session = parseSession(raw);
      if (session) setRole(session.role);
    });
    socket.on("presets:changed", () => setPresetsRevision((n) => n + 1));

    return () => {
      if (timer) clearTimeout(timer);
      socket.removeAllListeners();
      socket.close();
      socketRef.current = null;
    };
  }, []);

  const applyPatch = useCallback((patch: Record<string, unknown>, baseVersion?: number): Promise<ApplyResult> => {
    const socket = socketRef.current;
    if (!socket || !socket.connected) return Promise.resolve(failed("Not connected to the server: the change was not sent"));
    return new Promise<ApplyResult>((resolve) => {
      const request = baseVersion === undefined ? { patch } : { patch, baseVersion };
      socket.timeout(APPLY_TIMEOUT_MS).emit("config:apply", request, (err: Error | null, raw: ApplyResult) => {
        if (err) {
          resolve(failed(`No answer from the server within ${APPLY_TIMEOUT_MS / 1000} s; watch the config version to see whether it applied`));
          return;
        }
        resolve(parseApplyResult(raw) ?? failed("The server's answer was not understood"));
      });
    });
  }, []);

  return { connection, role, snapshot, config, events, presetsRevision, applyPatch };
}
