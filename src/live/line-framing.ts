/**
 * Newline framing of a streamed HTTP body: a watch answers one JSON event per line (apimachinery
 * runtime/serializer/json jsonFramer writes each encoded object followed by "\n"), and the served engine's trace
 * stream is JSON lines too. Chunks split lines (and multi-byte characters) anywhere, so text is decoded as a
 * stream and a partial last line is carried over to the next chunk.
 */

export interface LineSplitter {
  /** Takes the next chunk of text; returns the complete lines it finished (without their "\n"). */
  push(chunk: string): string[];
  /** The stream ended: what is left after the last "\n", if anything. */
  flush(): string[];
  /** Characters held for an unfinished line. */
  pending(): number;
}

/** Refuses a line longer than this: a broken server must not grow the page's memory without bound. */
export const MAX_LINE_CHARS = 16 * 1024 * 1024;

export function createLineSplitter(maxLine = MAX_LINE_CHARS): LineSplitter {
  let carry = '';
  return {
    push(chunk) {
      const text = carry + chunk;
      const parts = text.split('\n');
      carry = parts.pop() ?? '';
      if (carry.length > maxLine) {
        carry = '';
        throw new RangeError(`a streamed line is longer than ${maxLine} characters`);
      }
      return parts.map(stripCr).filter((l) => l !== '');
    },
    flush() {
      const rest = stripCr(carry);
      carry = '';
      return rest === '' ? [] : [rest];
    },
    pending: () => carry.length,
  };
}

const stripCr = (line: string): string => (line.endsWith('\r') ? line.slice(0, -1) : line);

/**
 * Reads a response body to its end, calling onLine for every line. Resolves when the body ends; rejects when
 * reading fails (a dropped connection) or the signal aborts.
 */
export async function readLines(
  body: ReadableStream<Uint8Array>,
  onLine: (line: string) => void,
  signal?: AbortSignal,
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const splitter = createLineSplitter();
  const cancel = () => void reader.cancel().catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const line of splitter.push(decoder.decode(value, { stream: true }))) onLine(line);
      if (signal?.aborted) return;
    }
    for (const line of splitter.push(decoder.decode())) onLine(line);
    for (const line of splitter.flush()) onLine(line);
  } finally {
    signal?.removeEventListener('abort', cancel);
    reader.releaseLock();
  }
}
