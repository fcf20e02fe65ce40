/**
 * The HTTP plumbing of the facade: reading a bounded request body, parsing query parameters the way
 * kube-apiserver's parameter codec does (strconv.ParseBool / ParseInt), and writing JSON and Status answers.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { failureStatus } from '../engine/api/status.ts';
import { ApiError, type Status } from '../engine/api/types.ts';

/** kube-apiserver's default MaxRequestBodyBytes is 3 MB; a bit more is allowed for large manifests. */
export const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** errors.go NewRequestEntityTooLargeError ("RequestEntityTooLarge" is missing from the engine's reason list). */
function requestEntityTooLarge(limit: number): Status {
  const s = failureStatus(413, '', `Request entity too large: limit is ${limit}`);
  (s as { reason?: string }).reason = 'RequestEntityTooLarge';
  return s;
}

/** Reads the whole body, or rejects with a 413 Status once it passes maxBytes. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > maxBytes) {
        failed = true;
        reject(new ApiError(requestEntityTooLarge(maxBytes)));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.on('error', (e) => {
      if (!failed) {
        failed = true;
        reject(e);
      }
    });
  });
}

export class QueryError extends ApiError {}

const badParam = (name: string, value: string, why: string) =>
  new QueryError(
    failureStatus(400, 'BadRequest', `invalid value for ${name}: ${JSON.stringify(value)}: ${why}`),
  );

/** Go strconv.ParseBool; undefined when absent. */
export function boolParam(q: URLSearchParams, name: string): boolean | undefined {
  const v = q.get(name);
  if (v === null) return undefined;
  if (['1', 't', 'T', 'true', 'TRUE', 'True'].includes(v)) return true;
  if (['0', 'f', 'F', 'false', 'FALSE', 'False', ''].includes(v)) return false;
  throw badParam(name, v, 'strconv.ParseBool: invalid syntax');
}

/** A non-negative integer parameter (int64 in the apiserver); undefined when absent or empty. */
export function intParam(q: URLSearchParams, name: string): number | undefined {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badParam(name, v, 'strconv.ParseInt: invalid syntax');
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw badParam(name, v, 'strconv.ParseInt: value out of range');
  if (n < 0) throw badParam(name, v, 'must be non-negative');
  return n;
}

export function stringParam(q: URLSearchParams, name: string): string | undefined {
  const v = q.get(name);
  return v === null ? undefined : v;
}

/** The media type of a Content-Type header, lower-cased, without parameters; "" when absent. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function sendJson(
  res: ServerResponse,
  code: number,
  body: unknown,
  contentType = 'application/json',
): void {
  const text = JSON.stringify(body);
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, private',
  });
  res.end(text);
}

/** Writes a Status with its own code as the HTTP status (a code outside 100–599 becomes 500). */
export function sendStatus(res: ServerResponse, status: Status): void {
  const code = Number.isInteger(status.code) && status.code >= 100 && status.code <= 599 ? status.code : 500;
  sendJson(res, code, status);
}

/**
 * Requests Node's HTTP parser rejects before any handler runs (a malformed request line, a bad chunk) still get
 * a Status body, as the apiserver's Go server would answer them with a 400.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const code = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = JSON.stringify(
      failureStatus(
        code,
        code === 400 ? 'BadRequest' : '',
        `malformed HTTP request: ${err.code ?? err.message}`,
      ),
    );
    socket.end(
      `HTTP/1.1 ${code} ${code === 400 ? 'Bad Request' : 'Request Header Fields Too Large'}\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
