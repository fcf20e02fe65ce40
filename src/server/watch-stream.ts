/**
 * A watch over HTTP (§3.6, facts 94–100): status 200, headers flushed at once (pitfall 4.3.1), then one compact
 * JSON event per line (apimachinery runtime/serializer/json jsonFramer), each a one-row Table when the client
 * asked for Tables (fact 108). The engine's watch is started first, so a bad selector or resourceVersion is
 * still a plain Status answer.
 *
 * Without timeoutSeconds a real server ends a watch after 30–60 minutes (fact 100), and `kubectl get -w` then
 * exits (pitfall 4.3.7). The engine keeps that rule on the virtual clock; over HTTP, where serve mode may run
 * faster than real time, an engine-side "timeout" of a watch the client gave no timeout is resumed from the
 * last resourceVersion instead, so a demo's `get -w` is not cut short.
 */
import type { ServerResponse } from 'node:http';
import type { ApiServer, Watch, WatchEvent, WatchOptions } from '../engine/api/api.ts';
import type { ResourceDefinition } from '../engine/api/resource.ts';
import { isApiError, type KubeObject, type Status } from '../engine/api/types.ts';
import { TABLE_CONTENT_TYPE, toTable, type IncludeObject } from './table.ts';
import { toClientVersion } from './versions.ts';

export interface WatchStreamOptions {
  def: ResourceDefinition;
  resource: string;
  version: string;
  watch: WatchOptions;
  /** The client asked for a timeout: honour every engine close. */
  clientTimeout: boolean;
  table?: { include: IncludeObject; now: () => number };
}

export interface WatchStream {
  stop(): void;
}

/**
 * Starts the engine watch (throwing its ApiError before anything is written), then streams it to res.
 * onEnd runs once when the stream is over, whoever ended it.
 */
export function startWatchStream(
  api: ApiServer,
  res: ServerResponse,
  opts: WatchStreamOptions,
  onEnd: () => void,
): WatchStream {
  let ended = false;
  let headersWritten = false;
  let lastRv = opts.watch.resourceVersion;
  const pending: string[] = [];
  let current: Watch | undefined;

  const encode = (e: WatchEvent): string => {
    let object: unknown = e.object;
    if (e.type !== 'ERROR' && e.type !== 'BOOKMARK') {
      const obj = toClientVersion(opts.def, e.object as KubeObject, opts.version);
      object = opts.table
        ? toTable(opts.def, [obj], opts.table.now(), {
            include: opts.table.include,
            resourceVersion: obj.metadata.resourceVersion,
          })
        : obj;
    }
    return `${JSON.stringify({ type: e.type, object })}\n`;
  };

  const write = (line: string) => {
    if (ended) return;
    if (!headersWritten) pending.push(line);
    else res.write(line);
  };

  const finish = () => {
    if (ended) return;
    ended = true;
    current?.stop();
    if (headersWritten && !res.writableEnded) res.end();
    onEnd();
  };

  const open = (resourceVersion: string | undefined): Watch =>
    api.watch(
      opts.resource,
      { ...opts.watch, resourceVersion },
      {
        onEvent: (e) => {
          if (ended) return;
          const rv = (e.object as KubeObject).metadata?.resourceVersion;
          if (e.type !== 'ERROR' && rv) lastRv = rv;
          try {
            write(encode(e));
          } catch (err) {
            // A conversion failure must not kill the server: tell the client, then end.
            const message = err instanceof Error ? err.message : String(err);
            write(`${JSON.stringify({ type: 'ERROR', object: internal(message) })}\n`);
            finish();
          }
        },
        onClose: (reason) => {
          if (ended) return;
          if (reason === 'timeout' && !opts.clientTimeout) {
            try {
              current = open(lastRv);
              return;
            } catch (err) {
              const status = isApiError(err) ? err.status : internal(String(err));
              write(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
            }
          }
          finish();
        },
      },
    );

  current = open(opts.watch.resourceVersion);

  res.writeHead(200, {
    'Content-Type': opts.table ? TABLE_CONTENT_TYPE : 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.flushHeaders();
  headersWritten = true;
  for (const line of pending.splice(0)) res.write(line);
  if (ended && !res.writableEnded) res.end();

  res.on('close', finish);
  return { stop: finish };
}

function internal(message: string): Status {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${message}`,
    reason: 'InternalError',
    code: 500,
  };
}
