/**
 * Joins a relative path written inside a file onto that file's folder, with forward slashes and no file
 * system: "a/b.yaml" + "../c.yaml" → "c.yaml". For bundled scenario files (the browser has no `path`) and
 * for the bench's walk over a build's imports.
 */
export function joinRelative(fromFile: string, relative: string): string {
  const parts = fromFile.split('/').slice(0, -1);
  for (const seg of relative.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
