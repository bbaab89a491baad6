import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { arrivals, openLoop } from "./open-loop";

describe("arrivals", () => {
  it("a Poisson process: the rate asked on average, gaps spread as an exponential's, repeatable by seed", () => {
    const a = arrivals(200, 100, { seed: 7 });
    // 20,000 expected; a Poisson count's standard deviation is √20,000 ≈ 141.
    expect(Math.abs(a.length - 20_000)).toBeLessThan(600);
    const gaps = a.slice(1).map((t, i) => t - a[i]);
    expect(gaps.every((g) => g >= 0)).toBe(true);
    const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
    expect(mean).toBeGreaterThan(4.8);
    expect(mean).toBeLessThan(5.2);
    // An exponential's share of gaps under its mean is 1 − 1/e ≈ 0.632 (evenly spaced: none or all).
    const under = gaps.filter((g) => g < mean).length / gaps.length;
    expect(under).toBeGreaterThan(0.61);
    expect(under).toBeLessThan(0.65);
    expect(a[0]).toBeGreaterThanOrEqual(0);
    expect(a.at(-1)!).toBeLessThan(100_000);
    expect(arrivals(200, 100, { seed: 7 })).toEqual(a);
    expect(arrivals(200, 100, { seed: 8 })).not.toEqual(a);
  });

  it("paced: evenly spaced from 0", () => {
    const a = arrivals(200, 1, { shape: "paced" });
    expect(a).toHaveLength(200);
    expect(a[0]).toBe(0);
    expect(a[1]).toBeCloseTo(5, 9);
    expect(a[199]).toBeCloseTo(995, 9);
  });

  it("refuses a rate or duration that is not positive", () => {
    expect(() => arrivals(0, 10)).toThrow(/positive/);
    expect(() => arrivals(200, -1)).toThrow(/positive/);
    expect(() => arrivals(Number.NaN, 1)).toThrow(/positive/);
  });
});

describe("openLoop", () => {
  let server: http.Server | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    server = undefined;
  });
  const listen = async (handler: http.RequestListener) => {
    server = http.createServer(handler);
    await new Promise<void>((r) => server!.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it("sends every request that falls due with its own body, and counts answers by status", async () => {
    const bodies: string[] = [];
    const url = await listen((req, res) => {
      let b = "";
      req.on("data", (c) => (b += c));
      req.on("end", () => {
        bodies.push(`${req.method} ${req.url} ${req.headers["content-type"]} ${b}`);
        const n = Number(JSON.parse(b).n);
        res.statusCode = n % 5 === 0 ? 409 : 200;
        res.end("{}");
      });
    });
    let n = 0;
    const seen: number[] = [];
    const r = await openLoop({
      url,
      rate: 100,
      seconds: 1,
      shape: "paced",
      request: { method: "POST", path: "/x", headers: { "content-type": "application/json" }, setupRequest: (q) => ({ ...q, body: JSON.stringify({ n: ++n }) }) },
      onResponse: (status) => seen.push(status),
    });
    expect(r.sent).toBe(100);
    expect(r.answered).toBe(100);
    expect(r.errors).toBe(0);
    expect(r.non2xx).toBe(20);
    expect(seen.filter((s) => s === 409)).toHaveLength(20);
    expect(r.latencies).toHaveLength(100);
    expect(r.latencies.every((l) => l >= 0)).toBe(true);
    expect(new Set(bodies).size).toBe(100);
    expect(bodies.every((b) => b.startsWith("POST /x application/json {"))).toBe(true);
    expect(r.connections).toBeGreaterThanOrEqual(1);
  });

  it("reads answers in chunks, chunked or closing the connection, and opens a new connection after a close", async () => {
    let n = 0;
    const url = await listen((_req, res) => {
      n++;
      if (n % 3 === 0) {
        // Chunked transfer coding, its chunks sent apart.
        res.statusCode = 201;
        res.write("a".repeat(5000));
        setTimeout(() => res.end("b"), 5);
      } else if (n % 3 === 1) {
        res.setHeader("connection", "close");
        res.end("bye");
      } else {
        res.statusCode = 204;
        res.end();
      }
    });
    const statuses: number[] = [];
    const r = await openLoop({ url, rate: 60, seconds: 0.5, shape: "paced", request: { method: "GET", path: "/" }, onResponse: (s) => statuses.push(s) });
    expect(r.sent).toBe(30);
    expect(r.errors).toBe(0);
    expect(r.answered).toBe(30);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 204)).toHaveLength(10);
    // Every third answer closed its connection: at least ten connections were opened.
    expect(r.connections).toBeGreaterThanOrEqual(10);
  });

  it("does not wait for a slow answer before sending the next request (a connection each)", async () => {
    const held: http.ServerResponse[] = [];
    const url = await listen((_req, res) => {
      // Nothing is answered until all 10 requests have arrived: a closed loop on one connection would never get there.
      held.push(res);
      if (held.length === 10) for (const h of held) h.end("ok");
    });
    const r = await openLoop({ url, rate: 50, seconds: 0.2, shape: "paced", request: { method: "GET", path: "/slow" } });
    expect(r.sent).toBe(10);
    expect(r.answered).toBe(10);
    expect(r.connections).toBe(10);
    // The first request was due at 0 and answered only after the tenth was sent, due at 180 ms.
    expect(Math.max(...r.latencies)).toBeGreaterThanOrEqual(180);
  });

  it("counts requests that get no answer as errors", async () => {
    const url = await listen((req) => req.socket.destroy());
    const r = await openLoop({ url, rate: 50, seconds: 0.1, shape: "paced", request: { method: "GET", path: "/" } });
    expect(r.sent).toBe(5);
    expect(r.errors).toBe(5);
    expect(r.answered).toBe(0);
  });

  it("times out a request that never answers", async () => {
    const url = await listen(() => {});
    const r = await openLoop({ url, rate: 10, seconds: 0.1, shape: "paced", timeoutMs: 200, request: { method: "GET", path: "/" } });
    expect(r.sent).toBe(1);
    expect(r.errors).toBe(1);
  });
});
