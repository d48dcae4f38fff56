/**
 * Several Tracetune servers, one fleet config: an operator's change made through any server
 * (dashboard, REST, preset, rollback) is applied to every server's embedded runtime.
 *
 * Why each runtime applies it, rather than dashboards being sent the origin's config: a dashboard
 * shows the runtime of the server it is connected to (snapshots, events, config, versions), so
 * the config it shows must be that runtime's. The origin applies, records one history row and
 * persists the active config (shared database); it then sends the changed keys with
 * `io.serverSideEmit` (Redis), and every other server applies them through its ControlService
 * without recording again. Each runtime then emits its own `config` event to its own dashboards.
 *
 * Ordering: Redis delivers one publisher's messages in order, so changes made through one server
 * land everywhere in the order they were made. Two operators changing the same key through two
 * servers within the same instant can leave the servers on different values for that key until
 * its next change; each dashboard always shows its own server's true value and hash.
 *
 * Redis pub/sub delivers at most once: a server whose subscription was down (Redis restarted,
 * network cut) may have missed changes, so on reconnecting it catches up with the shared
 * persisted config, which every operator change writes. After an outage during which operators
 * changed settings through several servers, every server ends on the last one persisted.
 *
 * Not replicated: changes a runtime makes itself (start-up, code): those answer that server's
 * own situation.
 */
import { z } from "zod";
import type { ControlService, OperatorChange } from "../control/control-service";
import { configChangeSources } from "../store/types";

export const REPLICATE_EVENT = "config:replicate";

export interface InterServerEvents {
  [REPLICATE_EVENT]: (message: ReplicatedChange) => void;
}

const replicatedChangeSchema = z.object({
  origin: z.string().min(1).max(200),
  patch: z.record(z.string(), z.unknown()),
  actor: z.string().max(500),
  source: z.enum(configChangeSources),
});
export type ReplicatedChange = OperatorChange & { origin: string };

/** What replication needs of socket.io: send to the other servers, hear from them. */
export interface InterServerChannel {
  serverSideEmit(event: typeof REPLICATE_EVENT, message: ReplicatedChange): unknown;
  on(event: typeof REPLICATE_EVENT, listener: (message: unknown) => void): unknown;
  off(event: typeof REPLICATE_EVENT, listener: (message: unknown) => void): unknown;
}

export function replicateConfigChanges(
  channel: InterServerChannel,
  control: Pick<ControlService, "onOperatorChange" | "applyReplicated" | "catchUp">,
  origin: string,
  /** Subscribes to "this server's link to the others is back after a loss"; returns the unsubscribe. */
  onReconnect?: (listener: () => void) => () => void,
): () => void {
  const offReconnect = onReconnect?.(() => {
    control.catchUp("server (caught up with the shared config after losing the link to the other servers)").then(
      (result) => {
        if (result?.status === "failed") console.error(`[tracetune] could not catch up with the shared config: ${result.error}`);
        else if (result?.changed.length) console.log(`[tracetune] caught up with the shared config: ${result.changed.join(", ")} changed`);
      },
      (error: unknown) => console.error(`[tracetune] could not catch up with the shared config: ${(error as Error).message}`),
    );
  });
  const offChange = control.onOperatorChange((change) => {
    channel.serverSideEmit(REPLICATE_EVENT, { ...change, origin });
  });
  const onMessage = (message: unknown) => {
    const parsed = replicatedChangeSchema.safeParse(message);
    if (!parsed.success) {
      console.error(`[tracetune] ignored a malformed config change from another server: ${parsed.error.issues[0]?.message}`);
      return;
    }
    const { actor, source } = parsed.data;
    // The runtime validates every key and value (a bad one fails the apply and changes nothing).
    const patch = parsed.data.patch as OperatorChange["patch"];
    const result = control.applyReplicated(patch, { actor: `${actor} (through server ${parsed.data.origin})`, source });
    // Same code on every server, so a change one runtime accepted another refuses only when the
    // servers run different versions: say so loudly, the fleet is no longer on one config.
    if (result.status === "failed") console.error(`[tracetune] config change from server ${parsed.data.origin} refused here: ${result.error}`);
  };
  channel.on(REPLICATE_EVENT, onMessage);
  return () => {
    offReconnect?.();
    offChange();
    channel.off(REPLICATE_EVENT, onMessage);
  };
}
