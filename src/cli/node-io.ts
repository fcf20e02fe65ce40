/**
 * The CLI's Node side: files for the scenario loader, the bundled scenario directory, and a chunked writer
 * so that a large trace never has to be one string in memory.
 */
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ScenarioFiles } from '../engine/scenario/parse.ts';

/** Turns Node's "ENOENT: no such file or directory, open '/x/y'" into "no such file". */
function friendly(e: unknown): Error {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return new Error('no such file');
  if (code === 'EISDIR') return new Error('is a directory, not a file');
  if (code === 'EACCES' || code === 'EPERM') return new Error('permission denied');
  return e instanceof Error ? e : new Error(String(e));
}

export function nodeScenarioFiles(cwd: string): ScenarioFiles {
  return {
    readFile(p) {
      try {
        return readFileSync(p, 'utf8');
      } catch (e) {
        throw friendly(e);
      }
    },
    resolvePath: (fromFile, relative) => path.resolve(path.dirname(fromFile), relative),
    displayPath: (p) => {
      if (!path.isAbsolute(p)) return p;
      const rel = path.relative(cwd, p);
      return rel === '' ? p : rel;
    },
  };
}

export function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

/** src/lessons/scenarios, found from this file so the CLI works from any working directory. */
export function bundledScenarioDir(): string {
  return fileURLToPath(new URL('../lessons/scenarios/', import.meta.url));
}

export interface OutputFile {
  write(chunk: string): void;
  close(): void;
}

export function openOutputFile(p: string): OutputFile {
  let fd: number;
  try {
    fd = openSync(p, 'w');
  } catch (e) {
    throw friendly(e);
  }
  return {
    write: (chunk) => {
      writeSync(fd, chunk);
    },
    close: () => closeSync(fd),
  };
}
