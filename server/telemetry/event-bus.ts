/**
 * Typed listeners for the runtime's `config` and `event` streams, plus the last events kept for
 * late subscribers (a dashboard that connects after a breaker opened still sees it). A listener
 * that throws is isolated: it never breaks the runtime or the other listeners.
 */
import type { RuntimeEvent } from "./snapshot";
import type { RuntimeEvents } from "./types";

const KEEP_EVENTS = 200;

export class EventBus {
  private readonly listeners: { [E in keyof RuntimeEvents]: Set<RuntimeEvents[E]> } = { config: new Set(), event: new Set() };
  private readonly recent: RuntimeEvent[] = [];

  on<E extends keyof RuntimeEvents>(event: E, fn: RuntimeEvents[E]): () => void {
    const set = this.listeners[event] as Set<RuntimeEvents[E]>;
    set.add(fn);
    return () => set.delete(fn);
  }

  emit<E extends keyof RuntimeEvents>(event: E, ...args: Parameters<RuntimeEvents[E]>): void {
    for (const fn of this.listeners[event] as Set<(...a: Parameters<RuntimeEvents[E]>) => void>) {
      try {
        fn(...args);
      } catch (e) {
        console.error(`[tracetune] a ${event} listener threw:`, e);
      }
    }
  }

  publish(type: RuntimeEvent["type"], level: RuntimeEvent["level"], message: string, data?: Record<string, unknown>): RuntimeEvent {
    const event: RuntimeEvent = { ts: Date.now(), type, level, message, ...(data ? { data } : {}) };
    this.recent.push(event);
    if (this.recent.length > KEEP_EVENTS) this.recent.shift();
    this.emit("event", event);
    return event;
  }

  recentEvents(): RuntimeEvent[] {
    return [...this.recent];
  }
}
