/**
 * Who may change what, against the real server: without the operator token every write is
 * refused (401) and sockets are read-only, while every read works; an operator gets in with the
 * bearer token or with the cookie the sign-in URL sets; cross-site requests and sockets are
 * refused even with valid credentials; a wrong sign-in token lands on /?signin=failed.
 */
import http from "node:http";
import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApplyResult } from "../realtime/contract";
import { apiClient, type ApiClient } from "./api-client";
import { connectDashboard, startServer, TEST_OPERATOR_TOKEN, type DashboardSocket, type RunningServer } from "./server-process";

let server: RunningServer;
let api: ApiClient;
let presetId: string;
let historyId: number;

beforeAll(async () => {
  server = await startServer({ TRACETUNE_WORKLOAD: "off" });
  api = apiClient(server.url);
  const created = await api.post("/api/presets", { name: "Access check", config: { sampleRate: 0.5 } });
  presetId = created.body.preset.id;
  await api.put("/api/config", { sampleRate: 0.9 });
  historyId = (await api.get("/api/history?limit=1")).body.entries[0].id;
});

afterAll(async () => {
  await server?.stop();
});

/** Everything a user could see: a write that slipped through would show up here. */
async function state() {
  const [presets, config, history] = await Promise.all([api.get("/api/presets"), api.get("/api/config"), api.get("/api/history?limit=500")]);
  return { presets: presets.body, config: config.body, history: history.body.entries.length };
}

const writes: [string, string, unknown][] = [
  ["POST", "/api/presets", { name: "sneaky" }],
  ["PUT", "/api/presets/:preset", { version: 1, name: "sneaky" }],
  ["DELETE", "/api/presets/:preset", { version: 1 }],
  ["POST", "/api/presets/:preset/apply", undefined],
  ["POST", "/api/presets/import", [{ name: "sneaky", config: { batchSize: 1 } }]],
  ["PUT", "/api/config", { sampleRate: 0.01 }],
  ["POST", "/api/history/:history/rollback", undefined],
];
const at = (path: string) => path.replace(":preset", presetId).replace(":history", String(historyId));

async function signInCookie(): Promise<string> {
  const res = await fetch(`${server.url}/?token=${encodeURIComponent(TEST_OPERATOR_TOKEN)}`, { redirect: "manual" });
  expect(res.status).toBe(303);
  expect(res.headers.get("location")).toBe("/");
  const setCookie = res.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/^tracetune_operator=[^;]+; Path=\/; HttpOnly; SameSite=Strict/);
  return setCookie.split(";")[0];
}

describe("without the operator token", () => {
  it.each(writes)("%s %s is refused with 401 and changes nothing", async (method, path, body) => {
    const before = await state();
    const res = await api.call(method, at(path), { as: "anonymous", ...(body === undefined ? {} : { json: body }) });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/Operator token required/);
    expect(await state()).toEqual(before);
  });

  it("a wrong bearer token is no token", async () => {
    const res = await api.call("PUT", "/api/config", { as: "anonymous", json: { sampleRate: 0.01 }, headers: { authorization: "Bearer not-the-token" } });
    expect(res.status).toBe(401);
  });

  it.each(["/api/presets", `/api/presets/:preset`, "/api/presets/:preset/diff", "/api/presets/export", "/api/config", "/api/history", "/api/history/:history", "/api/history/:history/rollback"])(
    "viewers can read GET %s",
    async (path) => {
      const res = await api.get(at(path), { as: "anonymous" });
      expect(res.status, res.text).toBe(200);
    },
  );

  it("a socket without the token is read-only: it sees the config, its changes are refused", async () => {
    const before = await state();
    // Listen before connecting: the server says the role right on connect.
    const viewer: DashboardSocket = io(server.url, { transports: ["websocket"], reconnection: false, autoConnect: false });
    const role = new Promise<string>((resolve) => viewer.once("session", (s) => resolve(s.role)));
    viewer.connect();
    expect(await role).toBe("viewer");
    const result = await new Promise<ApplyResult>((resolve) => viewer.emit("config:apply", { patch: { sampleRate: 0.01 } }, resolve));
    viewer.close();
    expect(result).toMatchObject({ status: "failed", error: expect.stringMatching(/Read-only dashboard/) });
    const after = await state();
    expect(after.config).toEqual(before.config);
    expect(after.presets).toEqual(before.presets);
  });
});

describe("signing in", () => {
  it("operator via the bearer token can write", async () => {
    const res = await api.put("/api/config", { sampleRate: 0.8 });
    expect(res.status).toBe(200);
    expect((await api.get("/api/history?limit=1")).body.entries[0].actor).toBe("operator via API (bearer token)");
  });

  it("the sign-in URL sets a cookie that makes this site's pages operators", async () => {
    const cookie = await signInCookie();
    const res = await api.put("/api/config", { sampleRate: 0.7 }, { as: "anonymous", headers: { cookie, origin: server.url } });
    expect(res.status).toBe(200);
    expect((await api.get("/api/history?limit=1")).body.entries[0]).toMatchObject({ actor: "operator via dashboard (REST)", source: "api" });
    const created = await api.post("/api/presets", { name: "Cookie made" }, { as: "anonymous", headers: { cookie, origin: server.url } });
    expect(created.status).toBe(201);

    const socket = await connectDashboard(server.url, { auth: {}, extraHeaders: { cookie } });
    const applied = await new Promise<ApplyResult>((resolve) => socket.emit("config:apply", { patch: { sampleRate: 0.6 } }, resolve));
    socket.close();
    expect(applied.status).toBe("applied");
  });

  it("a wrong sign-in token redirects to /?signin=failed and sets no cookie", async () => {
    const res = await fetch(`${server.url}/?token=wrong-token`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/?signin=failed");
    expect(res.headers.get("set-cookie")).toBeNull();
  });

  it("signing out clears the cookie", async () => {
    const res = await fetch(`${server.url}/signout`, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^tracetune_operator=; .*Max-Age=0/);
  });
});

describe("cross-site requests", () => {
  it("are refused with 403 even with a valid cookie or bearer token, and change nothing", async () => {
    const cookie = await signInCookie();
    const before = await state();
    const withCookie = await api.put("/api/config", { sampleRate: 0.02 }, { as: "anonymous", headers: { cookie, origin: "http://evil.example" } });
    expect(withCookie.status).toBe(403);
    expect(withCookie.body.error).toMatch(/Cross-site request refused/);
    const withBearer = await api.post("/api/presets", { name: "from evil" }, { headers: { origin: "http://evil.example" } });
    expect(withBearer.status).toBe(403);
    const viaReferer = await api.post("/api/presets", { name: "from evil" }, { as: "anonymous", headers: { cookie, referer: "http://evil.example/page" } });
    expect(viaReferer.status).toBe(403);
    expect(await state()).toEqual(before);
  });

  it("a socket from another origin is refused at the handshake, token or not", async () => {
    const socket = io(server.url, {
      transports: ["websocket"],
      reconnection: false,
      auth: { token: TEST_OPERATOR_TOKEN },
      extraHeaders: { origin: "http://evil.example" },
    });
    const error = await new Promise<Error>((resolve, reject) => {
      socket.once("connect", () => reject(new Error("a cross-site socket connected")));
      socket.once("connect_error", resolve);
    });
    socket.close();
    expect(error.message).toMatch(/cross-site connection refused/);
  });
});

describe("the write rate limit", () => {
  /** A write from a given local address (127.0.0.x all reach the loopback server): status and body. */
  function writeFrom(localAddress: string, headers: Record<string, string> = {}, bearer = true): Promise<{ status: number; body: any }> {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify({ name: "" }); // refused by validation (400) after the guard: changes nothing
      const req = http.request(
        `${server.url}/api/presets`,
        { method: "POST", localAddress, headers: { ...(bearer && { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` }), "content-type": "application/json", ...headers } },
        (res) => {
          let text = "";
          res.on("data", (c: Buffer) => (text += c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  it("is per client: a flood from one address is refused with 429 while another address, or the dashboard on the same one, still gets through, whatever the flood claims to be", async () => {
    const before = await state();
    const cookie = await signInCookie();
    // 120 writes at once from 127.0.0.3, each claiming to come from 127.0.0.4: the budget is a
    // burst of 40 and 20 more per second, so unless they take over 4 s some are refused.
    const flood = await Promise.all(Array.from({ length: 120 }, () => writeFrom("127.0.0.3", { "x-tracetune-peer": "127.0.0.4" })));
    const refused = flood.filter((r) => r.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(flood.filter((r) => r.status === 400).length).toBeGreaterThanOrEqual(40);
    expect(refused[0].body.error).toMatch(/Too many changes: at most 20 per second from one client\. Nothing was changed\./);
    // Right after, 127.0.0.4's own budget is whole: the flood's header did not spend it.
    const others = await Promise.all(Array.from({ length: 10 }, () => writeFrom("127.0.0.4")));
    expect(others.map((r) => r.status)).toEqual(Array(10).fill(400));
    // And the dashboard's own session on the flooding address keeps its budget too.
    const dashboard = await Promise.all(Array.from({ length: 10 }, () => writeFrom("127.0.0.3", { cookie, origin: server.url }, false)));
    expect(dashboard.map((r) => r.status)).toEqual(Array(10).fill(400));
    expect(await state()).toEqual(before);
  });
});
