"use client";
/**
 * The /fleet page's socket.io connection: role, the fleet list (about once a second, after
 * `fleet:watch`), per-service throughput history for the charts, and fleet changes whose
 * per-target results arrive one by one (`fleet:result`, kept by applyId so a result that comes
 * before the ack is not lost).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerToClientEvents } from "../../server/realtime/contract";
import type { FleetApplyAck, FleetApplyRequest, FleetList, FleetResultMessage } from "../../server/fleet/fleet-contract";
import { parseSession } from "../realtime/inbound-schemas";
import { parseFleetApplyAck, parseFleetList, parseFleetResult } from "./fleet-inbound";
import { appendThroughput, type ThroughputHistory } from "./throughput-history";

export type FleetConnection = "connecting" | "connected" | "reconnecting";
const APPLY_ACK_TIMEOUT_MS = 8000;

export interface FleetSocket {
  connection: FleetConnection;
  role: "operator" | "viewer" | null;
  list: FleetList | null;
  throughput: ThroughputHistory;
  results: Record<string, FleetResultMessage[]>;
  apply(request: FleetApplyRequest): Promise<FleetApplyAck>;
}

export function useFleetSocket(): FleetSocket {
  const [connection, setConnection] = useState<FleetConnection>("connecting");
  const [role, setRole] = useState<FleetSocket["role"]>(null);
  const [list, setList] = useState<FleetList | null>(null);
  const [throughput, setThroughput] = useState<ThroughputHistory>({});
  const [results, setResults] = useState<Record<string, FleetResultMessage[]>>({});
  const socketRef = useRef<Socket<ServerToClientEvents, ClientToServerEvents> | null>(null);

  useEffect(() => {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io({ transports: ["websocket", "polling"] });
    socketRef.current = socket;
    socket.on("connect", () => {
      setConnection("connected");
      socket.emit("fleet:watch");
    });
    socket.on("disconnect", () => setConnection("reconnecting"));
    socket.on("session", (raw) => {
      const s = parseSession(raw);
      if (s) setRole(s.role);
    });
    socket.on("fleet", (raw) => {
      const l = parseFleetList(raw);
      if (!l) return;
      setList(l);
      setThroughput((h) => appendThroughput(h, l));
    });
    socket.on("fleet:result", (raw) => {
      const r = parseFleetResult(raw);
      if (r) setResults((all) => keepRecent({ ...all, [r.applyId]: [...(all[r.applyId] ?? []), r] }));
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, []);

  const apply = useCallback(async (request: FleetApplyRequest): Promise<FleetApplyAck> => {
    const socket = socketRef.current;
    if (!socket?.connected) return { ok: false, error: "Not connected to the server: try again when the connection is back." };
    try {
      const raw = await socket.timeout(APPLY_ACK_TIMEOUT_MS).emitWithAck("fleet:apply", request);
      return parseFleetApplyAck(raw) ?? { ok: false, error: "The server sent an unreadable answer." };
    } catch {
      return { ok: false, error: `No answer from the server within ${APPLY_ACK_TIMEOUT_MS / 1000} s.` };
    }
  }, []);

  return { connection, role, list, throughput, results, apply };
}

/** Results of the most recent applies only: a page left open for days must not grow without end. */
const MAX_APPLIES_KEPT = 20;
function keepRecent<T>(byApply: Record<string, T>): Record<string, T> {
  const ids = Object.keys(byApply);
  return ids.length <= MAX_APPLIES_KEPT ? byApply : Object.fromEntries(ids.slice(-MAX_APPLIES_KEPT).map((id) => [id, byApply[id]!]));
}
