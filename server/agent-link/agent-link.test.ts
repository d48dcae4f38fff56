import { describe, expect, it } from "vitest";
import { createTelemetryRuntime } from "../telemetry";
import { instanceNameSchema, serviceNameSchema } from "../fleet/fleet-contract";
import { connectAgent, fleetName } from "./agent-link";

describe("agent link start-up never throws at the host", () => {
  it("makes any service or instance name acceptable to the server", () => {
    expect(fleetName("my service (eu)", serviceNameSchema)).toBe("my-service--eu-");
    expect(fleetName("pod-7", instanceNameSchema)).toBe("pod-7");
    expect(fleetName("   ", instanceNameSchema)).toBe("unknown");
    expect(fleetName("x".repeat(300), serviceNameSchema)).toHaveLength(100);
  });

  it("reports a bad server URL as a refused link instead of throwing", async () => {
    const runtime = createTelemetryRuntime({ exporterType: "none" });
    const errors: string[] = [];
    const link = connectAgent(runtime, { url: "not a url", token: "t", service: "s", instance: "i", onError: (m) => errors.push(m) });
    expect(link.status).toBe("refused");
    expect(link.lastError).toMatch(/not a URL/);
    expect(errors).toHaveLength(1);
    link.close();
    await runtime.shutdown({ deadlineMs: 10 });
  });
});
