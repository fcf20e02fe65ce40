/**
 * Embed mode's connection to the host page (DESIGN.md §2 postMessage, docs/embedding.md): when the lab is
 * framed, commands from window.parent drive the lab and the lesson session, and state and resize events go
 * back. A top-level page (window.parent === window) has no host: nothing is connected.
 */
import { useEffect, useState } from 'react';
import { connectEmbed } from '../../embed/bridge.ts';
import type { LessonSession } from '../lesson/lesson-store.ts';
import { createEmbedLink, type EmbedLink } from './embed-target.ts';

/** The page's height as the host should size the iframe: the content, not the iframe's current viewport. */
function contentHeight(): number {
  const body = document.body;
  return Math.max(body.scrollHeight, body.getBoundingClientRect().height);
}

function observeHeight(el: Element, cb: (height: number) => void): () => void {
  const ro = new ResizeObserver(() => cb(contentHeight()));
  ro.observe(el);
  cb(contentHeight());
  return () => ro.disconnect();
}

export function useEmbedBridge(opts: {
  enabled: boolean;
  parentOrigin: string | undefined;
  session: LessonSession;
}): EmbedLink {
  const { enabled, parentOrigin, session } = opts;
  const [link] = useState(() => createEmbedLink(session));
  useEffect(() => {
    if (!enabled || window.parent === window) return;
    return connectEmbed({
      win: window,
      post: (event, to) => window.parent.postMessage(event, to),
      parentOrigin,
      target: link,
      measure: { element: document.body, observe: observeHeight },
      now: () => performance.now(),
    });
  }, [enabled, parentOrigin, link]);
  return link;
}
