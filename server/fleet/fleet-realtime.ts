/**
 * The fleet on the dashboards' socket.io namespace: `fleet:watch` joins the watchers' room, which
 * gets the fleet list about once a second; `fleet:apply` (operators only) answers at once with
 * the targets and streams one `fleet:result` per target as it arrives.
 *
 * Each server lists the whole fleet (fetchSockets is cluster-wide) to its own watchers only
 * (`io.local`), so several servers behind a load balancer do not send every dashboard N copies.
 */
import type { Socket } from "socket.io";
import type { TracetuneIo } from "../realtime/socket-server";
import type { Role } from "../auth/operator-auth";
import { RateLimiter } from "../auth/rate-limiter";
import { FLEET_LIST_INTERVAL_MS, fleetApplyRequestSchema, type FleetApplyAck, type FleetList } from "./fleet-contract";
import { FleetError, type FleetService } from "./fleet-service";

export const FLEET_WATCHERS_ROOM = "fleet-watchers";

/** Fleet changes per dashboard: 2 per second sustained, 5 at once. */
const FLEET_RATE = { perSecond: 2, burst: 5 };

export function attachFleetRealtime(io: TracetuneIo, fleet: FleetService): { close(): void } {
  const limiter = new RateLimiter(FLEET_RATE.perSecond, FLEET_RATE.burst);
  const sendList = async (send: (list: FleetList) => void) => {
    try {
      send(await fleet.list());
    } catch (e) {
      console.error(`[fleet] could not list the fleet: ${(e as Error).message}`);
    }
  };

  io.on("connection", (socket: Socket) => {
    const role: Role = socket.data.role ?? "viewer";
    socket.on("disconnect", () => limiter.forget(socket.id));
    socket.on("fleet:watch", () => {
      // Once per connection: a repeated watch would make every call a cluster-wide fetchSockets.
      if (socket.rooms.has(FLEET_WATCHERS_ROOM)) return;
      void socket.join(FLEET_WATCHERS_ROOM);
      void sendList((list) => socket.emit("fleet", list));
    });
    socket.on("fleet:apply", async (request: unknown, ack: unknown) => {
      const reply = typeof ack === "function" ? (ack as (r: FleetApplyAck) => void) : () => undefined;
      if (role !== "operator") return reply({ ok: false, error: "Read-only dashboard: sign in as an operator to change the fleet." });
      const parsed = fleetApplyRequestSchema.safeParse(request);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return reply({ ok: false, error: `Invalid fleet change: ${issue ? `${issue.path.join(".") || "(request)"}: ${issue.message}` : "malformed"}` });
      }
      if (!limiter.take(socket.id)) return reply({ ok: false, error: `Too many fleet changes: at most ${FLEET_RATE.perSecond} per second. Nothing was changed.` });
      try {
        await fleet.apply(parsed.data, { actor: `operator via dashboard ${socket.id.slice(0, 6)}`, source: "ui" }, (started) => reply({ ok: true, started }));
      } catch (e) {
        if (e instanceof FleetError) return reply({ ok: false, error: e.message });
        console.error("[fleet] apply failed:", e);
        reply({ ok: false, error: `The fleet change failed: ${(e as Error).message}` });
      }
    });
  });

  // One listing at a time: with a slow peer server (fetchSockets waits for every server through
  // the adapter) ticks are skipped rather than piled up.
  let listing = false;
  const timer = setInterval(() => {
    // This server's own watchers (the adapter's local rooms).
    if (listing || (io.of("/").adapter.rooms.get(FLEET_WATCHERS_ROOM)?.size ?? 0) === 0) return;
    listing = true;
    void sendList((list) => io.local.to(FLEET_WATCHERS_ROOM).emit("fleet", list)).finally(() => (listing = false));
  }, FLEET_LIST_INTERVAL_MS);
  timer.unref();
  return { close: () => clearInterval(timer) };
}
