/**
 * The teaching rules every lesson obeys (issue 5; DESIGN.md §4; lessons-research.md part d): it makes the
 * learner predict, gives them a parameter to change, pauses at least every ~40 s of animation, and backs each
 * claim with an upstream source. Checked in CI for every lesson, so a new lesson cannot quietly drop one.
 */
import type { Lesson } from './lesson-types.ts';

/** "No more than about 40 s of animation without a pause point." */
export const MAX_ANIMATION_MS = 40_000;

const ID = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SOURCE_HOSTS = ['github.com', 'kubernetes.io', 'cluster-api.sigs.k8s.io', 'pkg.go.dev'];

export function lessonProblems(lesson: Lesson): string[] {
  const p: string[] = [];
  const at = (s: string) => `${lesson.id}: ${s}`;
  if (!ID.test(lesson.id)) p.push(at('the id must be lower-case letters, digits and -'));
  if (lesson.steps.length === 0) p.push(at('has no steps'));
  if (!lesson.steps.some((s) => s.predict)) p.push(at('never asks the learner to predict'));
  if (lesson.knobs.length === 0) p.push(at('has no parameter to change'));
  if (!(lesson.speed > 0)) p.push(at('speed must be > 0'));
  const ids = new Set<string>();
  for (const s of lesson.steps) {
    if (ids.has(s.id)) p.push(at(`step id "${s.id}" is used twice`));
    ids.add(s.id);
    if (s.text.length === 0) p.push(at(`step "${s.id}" has no text`));
    if (s.sources.length === 0) p.push(at(`step "${s.id}" cites no upstream source`));
    for (const src of s.sources) {
      let host = '';
      try {
        const u = new URL(src.url);
        host = u.protocol === 'https:' ? u.hostname : '';
      } catch {
        host = '';
      }
      if (!SOURCE_HOSTS.includes(host))
        p.push(at(`step "${s.id}" source "${src.url}" is not an upstream https link`));
    }
    if (s.run && 'for' in s.run && s.run.for / lesson.speed > MAX_ANIMATION_MS)
      p.push(at(`step "${s.id}" runs ${s.run.for / lesson.speed / 1000} s of animation without a pause`));
    const pr = s.predict;
    if (pr?.kind === 'choice') {
      if (pr.answer < 0 || pr.answer >= pr.choices.length)
        p.push(at(`step "${s.id}" answer is not a choice`));
      if (!s.checks || s.checks.length === 0)
        p.push(at(`step "${s.id}" asks a question but checks nothing that confirms the answer`));
    }
  }
  for (const k of lesson.knobs) {
    if (!(k.min <= k.default && k.default <= k.max))
      p.push(at(`knob "${k.id}" default is outside [min, max]`));
  }
  return p;
}
