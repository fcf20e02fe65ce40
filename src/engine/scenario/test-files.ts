/**
 * For the scenario tests only: an in-memory file system behind the loader's ScenarioFiles callbacks, with
 * POSIX path resolution, so that relative manifest paths are tested without touching a disk.
 */
import type { ScenarioFiles } from './parse.ts';

export function normalizePosix(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else if (seg === '..' && abs) continue;
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

export function memoryFiles(files: Record<string, string>): ScenarioFiles & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    readFile(path) {
      reads.push(path);
      const text = files[path];
      if (text === undefined) throw new Error('no such file');
      return text;
    },
    resolvePath(fromFile, relative) {
      if (relative.startsWith('/')) return normalizePosix(relative);
      const dir = fromFile.includes('/') ? fromFile.slice(0, fromFile.lastIndexOf('/')) : '.';
      return normalizePosix(`${dir}/${relative}`);
    },
  };
}
