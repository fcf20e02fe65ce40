/**
 * Test helpers for the facade: an API server with the world's kinds (core, apps, Cluster API) behind the facade
 * on an ephemeral 127.0.0.1 port, and a small fetch wrapper. Watch events are delivered synchronously after each
 * write (the scheduler runs what is due now), so tests need no clock.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiVersionLookupFromRegistry } from '../engine/api/conversion/capi-v1beta1.ts';
import { createRegistry } from '../engine/api/registry.ts';
import { appsResources } from '../engine/api/resources/apps.ts';
import { capiResources } from '../engine/api/resources/capi.ts';
import { infrastructureResolver } from '../engine/api/resources/capi-infrastructure.ts';
import { coreResources } from '../engine/api/resources/core.ts';
import { createApiServer, type MockApiServer } from '../engine/api/server.ts';
import { createSim, type Sim } from '../engine/sim/sim.ts';
import { answerClientErrors } from './http-io.ts';
import { createFacade, type Facade } from './facade.ts';

export interface TestFacade {
  sim: Sim;
  api: MockApiServer;
  facade: Facade;
  url: string;
  errors: string[];
  close(): Promise<void>;
}

export async function startTestFacade(): Promise<TestFacade> {
  const sim = createSim({ seed: 7 });
  const registry = createRegistry([...coreResources(), ...appsResources()]);
  for (const def of capiResources({ apiVersionFor: apiVersionLookupFromRegistry(registry) }))
    registry.register(def);
  registry.addResolver(infrastructureResolver);
  const api = createApiServer(sim, { registry });
  const errors: string[] = [];
  const facade = createFacade(api, {
    now: () => sim.now(),
    onWrite: () => sim.scheduler.runUntil(sim.now()),
    onError: (m) => errors.push(m),
  });
  const server = http.createServer(facade);
  answerClientErrors(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    sim,
    api,
    facade,
    url: `http://127.0.0.1:${port}`,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        facade.closeWatches();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Reply {
  status: number;
  contentType: string;
  body: Record<string, unknown>;
  text: string;
}

export async function call(
  base: string,
  method: string,
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const init: RequestInit = { method, headers: { ...(opts.headers ?? {}) } };
  if (opts.body !== undefined) {
    init.body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    const h = init.headers as Record<string, string>;
    if (!Object.keys(h).some((k) => k.toLowerCase() === 'content-type'))
      h['Content-Type'] = 'application/json';
  }
  const r = await fetch(`${base}${path}`, init);
  const text = await r.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = {};
  }
  return { status: r.status, contentType: r.headers.get('content-type') ?? '', body, text };
}

/** A request with exactly the given headers (fetch adds a Content-Type to string bodies; kubectl's PUT /scale has none). */
export function rawRequest(
  base: string,
  method: string,
  path: string,
  body: string | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const u = new URL(`${base}${path}`);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path: `${u.pathname}${u.search}`, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}
