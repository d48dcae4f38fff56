"use client";
/**
 * A light socket.io connection for pages other than the dashboard: who this browser is
 * (operator or viewer), whether the server is reachable, the running config, and a nudge when
 * the config changed or a change was refused (so a history view can refresh). Snapshots are not
 * listened to: nothing re-renders four times a second here.
 */
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/realtime/contract";
import type { ConfigMessage } from "../../server/telemetry/types";
import { parseConfigMessage, parseRuntimeEvent, parseSession } from "../realtime/inbound-schemas";

export type SessionConnection = "connecting" | "connected" | "reconnecting" | "offline";

export interface ControlSession {
  connection: SessionConnection;
  role: "operator" | "viewer" | null;
  config: ConfigMessage | null;
}

const OFFLINE_AFTER_FAILURES = 3;
/** History rows are written just after the runtime announces a change: wait a moment. */
const CHANGE_SETTLE_MS = 300;

export function useControlSession(onConfigActivity?: () => void): ControlSession {
  const [connection, setConnection] = useState<SessionConnection>("connecting");
  const [role, setRole] = useState<ControlSession["role"]>(null);
  const [config, setConfig] = useState<ConfigMessage | null>(null);
  const activity = useRef(onConfigActivity);
  useEffect(() => {
    activity.current = onConfigActivity;
  });

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ["websocket", "polling"] });
    let failures = 0;
    let everConnected = false;
    let settle: ReturnType<typeof setTimeout> | null = null;
    const nudge = () => {
      if (settle) clearTimeout(settle);
      settle = setTimeout(() => activity.current?.(), CHANGE_SETTLE_MS);
    };

    socket.on("connect", () => {
      failures = 0;
      everConnected = true;
      setConnection("connected");
    });
    socket.on("disconnect", (reason) => {
      setConnection("reconnecting");
      if (reason === "io server disconnect") socket.connect();
    });
    socket.on("connect_error", () => {
      failures++;
      setConnection(failures >= OFFLINE_AFTER_FAILURES ? "offline" : everConnected ? "reconnecting" : "connecting");
    });
    socket.on("session", (raw) => {
      const session = parseSession(raw);
      if (session) setRole(session.role);
    });
    socket.on("config", (raw) => {
      const message = parseConfigMessage(raw);
      if (!message) return;
      setConfig((prev) => (prev && prev.version === message.version && prev.hash === message.hash ? prev : message));
      nudge();
    });
    socket.on("event", (raw) => {
      const event = parseRuntimeEvent(raw);
      if (event && (event.type === "config_applied" || event.type === "config_rejected") && Date.now() - event.ts < 5000) nudge();
    });
    return () => {
      if (settle) clearTimeout(settle);
      socket.removeAllListeners();
      socket.close();
    };
  }, []);

  return { connection, role, config };
}
