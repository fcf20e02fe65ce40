/**
 * Serve mode, assembled: a world's API server behind the REST facade on 127.0.0.1, its clock advanced with wall
 * time by the runtime, the trace streamed at /reconcile-lab/trace and the built UI served from the same port.
 *
 * @example
 * const world = createWorld({ seed: 1 });
 * const served = await serveWorld({ world, port: 6443 });
 * // kubectl --kubeconfig <(kubeconfigYaml({ server: served.url })) get pods -A
 * await served.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiServer } from '../engine/api/api.ts';
import type { Sim } from '../engine/sim/sim.ts';
import { answerClientErrors } from './http-io.ts';
import { createFacade, type Facade } from './facade.ts';
import { createRuntime, type Runtime } from './runtime.ts';
import { staticFiles } from './static-files.ts';
import { streamTrace } from './trace-stream.ts';

/**
 * Infrastructure kinds served from the start, as if their provider's CRDs were installed: kubectl maps a kind to
 * a resource through discovery before it writes, so a kind the engine would resolve on first use must already be
 * listed (the CAPI fixtures use the Dev provider; Docker is the older name of the same test provider).
 */
export const DEFAULT_INFRASTRUCTURE_KINDS: readonly string[] = ['Dev', 'Docker'].flatMap((p) =>
  ['Cluster', 'ClusterTemplate', 'Machine', 'MachineTemplate', 'MachinePool', 'MachinePoolTemplate'].map(
    (k) => `${p}${k}`,
  ),
);

export interface ServeOptions {
  world: { readonly sim: Sim; readonly api: ApiServer };
  host?: string;
  /** 0 picks a free port. Default 6443. */
  port?: number;
  speed?: number | 'max';
  /** The built UI (dist/), served for non-API paths when it exists. */
  staticDir?: string;
  /** Kinds to list in discovery before anything asks: { apiVersion, kind }. Default: the Dev and Docker kinds. */
  primeKinds?: readonly { apiVersion: string; kind: string }[];
  onError?: (message: string) => void;
}

export interface Served {
  readonly url: string;
  readonly port: number;
  readonly runtime: Runtime;
  readonly facade: Facade;
  close(): Promise<void>;
}

/** GET /reconcile-lab/info: tells the UI it is served by an engine it can attach to (docs/live.md). */
export interface ServeInfo {
  engine: 'reconcile-lab';
  /** Virtual ms now. */
  t: number;
  speed: number | 'max';
}

function sendInfo(res: http.ServerResponse, info: ServeInfo): void {
  const body = JSON.stringify(info);
  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}

export function primeKinds(api: ApiServer, kinds: readonly { apiVersion: string; kind: string }[]): void {
  for (const k of kinds) api.registry.byKind(k.apiVersion, k.kind);
}

export async function serveWorld(opts: ServeOptions): Promise<Served> {
  const { world } = opts;
  const host = opts.host ?? '127.0.0.1';
  primeKinds(
    world.api,
    opts.primeKinds ??
      DEFAULT_INFRASTRUCTURE_KINDS.map((kind) => ({
        apiVersion: 'infrastructure.cluster.x-k8s.io/v1beta2',
        kind,
      })),
  );
  const runtime = createRuntime(world.sim.scheduler, {
    speed: opts.speed ?? 1,
    onError: (e) =>
      opts.onError?.(`the simulation stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
  });
  const ui = opts.staticDir ? staticFiles(opts.staticDir) : undefined;
  let address = `${host}:${opts.port ?? 6443}`;
  const facade = createFacade(world.api, {
    now: () => world.sim.now(),
    serverAddress: () => address,
    onWrite: () => runtime.kick(),
    onError: opts.onError,
    fallback: (req, res, pathname) => {
      if (pathname === '/reconcile-lab/trace' && req.method === 'GET') {
        streamTrace(world.sim.trace, req, res);
        return true;
      }
      if (pathname === '/reconcile-lab/info' && req.method === 'GET') {
        sendInfo(res, { engine: 'reconcile-lab', t: world.sim.now(), speed: runtime.speed() });
        return true;
      }
      // The bare page of a served engine opens attached to it (docs/live.md); any query keeps the simulator.
      if (ui && req.url === '/' && req.method === 'GET') {
        res.writeHead(302, { Location: '/?attach=1', 'Content-Length': 0 });
        res.end();
        return true;
      }
      return ui?.(req, res, pathname) ?? false;
    },
  });
  const server = http.createServer(facade);
  answerClientErrors(server);
  // Long-lived watches must not be cut by Node's request timeouts.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 6443, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  address = `${host}:${port}`;
  runtime.start();
  return {
    url: `http://${address}`,
    port,
    runtime,
    facade,
    close: () =>
      new Promise<void>((resolve) => {
        runtime.stop();
        facade.closeWatches();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
