import { describe, expect, it } from 'vitest';
import { joinRelative } from './join-relative.ts';

describe('joinRelative', () => {
  it('joins onto the folder of the file that holds the path', () => {
    expect(joinRelative('src/lessons/scenarios/a.yaml', './m/b.yaml')).toBe('src/lessons/scenarios/m/b.yaml');
    expect(joinRelative('src/lessons/scenarios/a.yaml', '../x.yaml')).toBe('src/lessons/x.yaml');
    expect(joinRelative('assets/deep/a.js', '../b.js')).toBe('assets/b.js');
    expect(joinRelative('index.html', './assets/x.js')).toBe('assets/x.js');
    expect(joinRelative('a/b.yaml', 'c//./d.yaml')).toBe('a/c/d.yaml');
  });
});
