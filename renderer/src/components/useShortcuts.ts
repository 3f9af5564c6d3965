/**
 * Keyboard shortcuts with Ctrl (Windows, Linux) or Cmd (macOS), active while the component that
 * declares them is mounted. Keys are written "Enter", "g", "1"…
 */
import { useEffect, useRef } from 'react';

export type ShortcutMap = Record<string, () => void>;

export function useShortcuts(map: ShortcutMap): void {
  const ref = useRef(map);
  ref.current = map;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const fn = ref.current[key];
      if (fn) {
        e.preventDefault();
        fn();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** "Ctrl" or "⌘" for hints in the UI. */
export function modKey(): string {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
}
