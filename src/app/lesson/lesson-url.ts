/** Puts a lesson (and presenter mode) in the address bar, so a reload or a shared link opens the same. */
export function urlForLesson(href: string, lesson: string | undefined, presenter: boolean): string {
  const url = new URL(href);
  for (const k of ['lesson', 'step', 'scenario']) url.searchParams.delete(k);
  if (lesson) url.searchParams.set('lesson', lesson);
  if (presenter) url.searchParams.set('presenter', '1');
  else url.searchParams.delete('presenter');
  return url.toString();
}
