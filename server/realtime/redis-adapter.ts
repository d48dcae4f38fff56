/**
 * socket.io's Redis adapter (@socket.io/redis-adapter), for several Tracetune servers behind one
 * load balancer: `io.emit` and `io.serverSideEmit` then reach the dashboards and servers
 * connected to every other server through Redis pub/sub.
 *
 * Start-up fails with a clear error when Redis does not answer within a few seconds (a server
 * that silently runs alone would show operators a partial picture). Once connected, a lost
 * connection is retried with backoff and logged; the server keeps serving its own dashboards.
 */
import { createAdapter } from "@socket.io/redis-adapter";
import { createClient } from "redis";
import { redactUrl } from "../server-env";

export const REDIS_CONNECT_TIMEOUT_MS = 5000;

export interface RedisCluster {
  /** Pass to socket.io's Server options (`adapter`). */
  adapter: ReturnType<typeof createAdapter>;
  /** Called when the subscription is back after a loss (messages sent meanwhile were missed). */
  onReconnect(listener: () => void): () => void;
  close(): Promise<void>;
}

export async function connectRedisAdapter(url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<RedisCluster> {
  const where = redactUrl(url);
  let connected = false;
  const pub = createClient({
    url,
    // While Redis is away a publish fails at once instead of waiting in node-redis's queue: a
    // config change queued during an outage would reach the other servers after their catch-up
    // (which adopts the last saved config) and roll them back to an older change.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: timeoutMs,
      // Before the first connection: give up (start-up reports it). After: retry, 100 ms to 5 s.
      reconnectStrategy: (retries: number, cause: Error) => (connected ? Math.min(100 * 2 ** retries, 5000) : cause),
    },
  });
  const sub = pub.duplicate();
  let firstError = "";
  const reconnectListeners = new Set<() => void>();
  for (const [name, client] of [["publish", pub], ["subscribe", sub]] as const) {
    let lastError = "";
    client.on("error", (error: Error) => {
      const message = error.message || String(error);
      if (connected && message !== lastError) console.error(`[tracetune] Redis ${name} connection to ${where}: ${message} (retrying)`);
      lastError = message;
      firstError ||= message;
    });
    client.on("ready", () => {
      if (connected && lastError) {
        console.log(`[tracetune] Redis ${name} connection to ${where} is back`);
        // node-redis has re-subscribed before "ready": nothing from now on is missed.
        if (client === sub) for (const listener of reconnectListeners) listener();
      }
      lastError = "";
    });
  }

  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all([pub.connect(), sub.connect()]), timeout]);
    await Promise.race([pub.ping(), timeout]);
  } catch (error) {
    pub.destroy();
    sub.destroy();
    const reason = error instanceof Error && error.message ? error.message : firstError || String(error);
    throw new Error(`Redis at ${where} (TRACETUNE_REDIS_URL) is unreachable: ${reason}`);
  } finally {
    clearTimeout(timer);
  }
  connected = true;

  return {
    adapter: createAdapter(catchingPublish(pub, where), sub),
    onReconnect: (listener) => {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    close: async () => {
      connected = false;
      // quit() waits for a reconnect that may never come; a lost connection is just dropped.
      await Promise.allSettled([pub, sub].map((c) => (c.isReady ? c.quit() : Promise.resolve(c.destroy()))));
    },
  };
}

/**
 * The adapter calls `publish` without handling its promise. While Redis is away node-redis
 * queues commands and sends them on reconnect (a change made meanwhile still reaches the other
 * servers); a publish that fails for good (shutdown, a refused command) must be logged, not left
 * as an unhandled rejection.
 */
function catchingPublish<C extends { publish: (...args: never[]) => Promise<unknown> }>(client: C, where: string): C {
  return new Proxy(client, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === "publish") {
        return (...args: never[]) =>
          target.publish(...args).catch((error: unknown) => {
            console.error(`[tracetune] Redis publish to ${where} failed: ${error instanceof Error ? error.message || error.name : String(error)}`);
          });
      }
      // node-redis keeps state in private fields: its methods must run on the client itself.
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
