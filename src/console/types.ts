/**
 * What the console runs against and what a command gives back. The console reads the world's stored objects
 * and writes only through act(), so every change is a recorded, replayable user action.
 */
import type { ApiServer } from '../engine/api/api.ts';
import type { StoredEvent } from '../engine/api/store.ts';
import type { WorldAction } from '../engine/world/world-types.ts';

export interface ConsoleTarget {
  api: Pick<ApiServer, 'registry' | 'peek' | 'validate'> & {
    /** Called after every committed write; returns an unsubscribe function (MockApiServer.onCommit). */
    onCommit(fn: (e: StoredEvent) => void): () => void;
  };
  /** Virtual now, in ms: ages count on the simulation's clock. */
  now(): number;
  /** The lab store's act(): the only way the console changes the world. */
  act(action: WorldAction): { ok: true } | { ok: false; error: string };
}

export interface OutputLine {
  text: string;
  stream: 'out' | 'err';
}

/** A running `get -w`: the UI drains it once per frame and stops it on Ctrl-C or when the world is replaced. */
export interface WatchSession {
  /** Lines printed since the last drain. */
  drain(): OutputLine[];
  stop(): void;
}

export interface CommandResult {
  lines: OutputLine[];
  exitCode: number;
  watch?: WatchSession;
}

/** A failure printed as-is on stderr (already worded as kubectl words it), exit code 1. */
export class CommandError extends Error {}

/** Collects a command's output in order. */
export class Output {
  readonly lines: OutputLine[] = [];
  failed = false;
  out(text: string): void {
    for (const t of text.split('\n')) this.lines.push({ text: t, stream: 'out' });
  }
  err(text: string): void {
    for (const t of text.split('\n')) this.lines.push({ text: t, stream: 'err' });
  }
  /** Prints an error and marks the command failed (exit code 1). */
  fail(text: string): void {
    this.err(text);
    this.failed = true;
  }
}
