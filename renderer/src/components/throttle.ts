/**
 * At most one call per `ms`, leading edge first: the first event runs `fn` at once (a statement
 * just recorded shows in the header and History without waiting), events within the next `ms`
 * are folded into ONE trailing call at the end of the window (a batch recording thousands of
 * statements reloads the screens at most once a second, and the last change is never missed).
 */
export function throttle(fn: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const windowEnds = () => {
    if (pending) {
      pending = false;
      fn();
      timer = setTimeout(windowEnds, ms);
    } else {
      timer = null;
    }
  };
  return () => {
    if (timer) {
      pending = true;
      return;
    }
    fn();
    timer = setTimeout(windowEnds, ms);
  };
}
