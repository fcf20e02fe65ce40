/**
 * Loads a module the first time `wanted` is true, then keeps it. For chunks that are not components (the engine)
 * and for panels that open on a click and take the focus (the kubectl console): React.lazy would show a
 * Suspense fallback first and then reveal the panel on a 300 ms throttle timer, while this renders the panel in
 * the same frame its chunk arrives.
 */
import { useEffect, useState } from 'react';

export interface ModuleWhen<M> {
  module: M | undefined;
  /** Why the chunk could not be loaded (offline before the service worker cached it, say). */
  error: string | undefined;
}

/** `loaded` returns the module when it is already here, so a component mounted later has it in its first render. */
export function useModuleWhen<M>(
  wanted: boolean,
  load: () => Promise<M>,
  loaded?: () => M | undefined,
): ModuleWhen<M> {
  const [state, setState] = useState<ModuleWhen<M>>(() => ({ module: loaded?.(), error: undefined }));
  const ready = state.module !== undefined;
  useEffect(() => {
    if (!wanted || ready) return;
    // A lab unmounted (or strict mode's first pass) before the chunk arrived must not set state.
    let live = true;
    load().then(
      (module) => {
        if (live) setState({ module, error: undefined });
      },
      (e: unknown) => {
        if (live) setState({ module: undefined, error: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, [wanted, ready, load]);
  return state;
}
