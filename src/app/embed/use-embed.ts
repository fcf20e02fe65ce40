/**
 * Embed mode's connection to the host page (DESIGN.md §2 postMessage, docs/embedding.md): when the lab is
 * framed, commands from window.parent drive the lab and the lesson session, and state and resize events go
 * back. A top-level page (window.parent === window) has no host: nothing is connected, and neither the bridge
 * nor the lesson kit it drives is loaded (issue 4: they are not first-screen code).
 */
import { useEffect, useState } from 'react';
import type { BridgeOptions } from '../../embed/bridge.ts';
import type { Lessons } from '../lesson/use-lessons.ts';
import type { EmbedLink } from './embed-target.ts';

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

interface Bridge {
  link: EmbedLink;
  connect: (o: BridgeOptions) => () => void;
}

/** The link to give <EmbedAttach>: undefined until the bridge's chunk and the lesson kit are in. */
export function useEmbedBridge(opts: {
  enabled: boolean;
  parentOrigin: string | undefined;
  ensureLessons: () => Promise<Lessons>;
}): EmbedLink | undefined {
  const { enabled, parentOrigin, ensureLessons } = opts;
  const framed = enabled && window.parent !== window;
  const [bridge, setBridge] = useState<Bridge | undefined>(undefined);
  useEffect(() => {
    if (!framed) return;
    // Strict mode's first pass, or a lab gone before the chunks came, must not set state.
    let live = true;
    void Promise.all([import('../../embed/bridge.ts'), import('./embed-target.ts'), ensureLessons()]).then(
      ([b, t, lessons]) => {
        if (live)
          setBridge((prev) => prev ?? { link: t.createEmbedLink(lessons.session), connect: b.connectEmbed });
      },
    );
    return () => {
      live = false;
    };
  }, [framed, ensureLessons]);
  // Connects after <EmbedAttach> (a layout effect) has told the link its lab, so `ready` comes with a state.
  useEffect(() => {
    if (!bridge) return;
    return bridge.connect({
      win: window,
      post: (event, to) => window.parent.postMessage(event, to),
      parentOrigin,
      target: bridge.link,
      measure: { element: document.body, observe: observeHeight },
      now: () => performance.now(),
    });
  }, [bridge, parentOrigin]);
  return bridge?.link;
}
