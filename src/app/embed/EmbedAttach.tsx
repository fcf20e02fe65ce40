/** Tells the page's embed link which lab store is mounted. Renders nothing. */
import { useLayoutEffect } from 'react';
import { useLabStore } from '../lab/LabProvider.tsx';
import type { EmbedLink } from './embed-target.ts';

export function EmbedAttach({ link }: { link: EmbedLink }) {
  const lab = useLabStore();
  useLayoutEffect(() => {
    link.setLab(lab);
    return () => link.setLab(undefined);
  }, [link, lab]);
  return null;
}
