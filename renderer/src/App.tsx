import { useEffect } from 'react';
import { SCREENS } from './screens';
import { Layout } from './shell/Layout';
import { useAppStore } from './stores/app';

/** The app: the shell's layout around the screens, with Ctrl/Cmd+digit to move between them. */
export function App() {
  const navigate = useAppStore((s) => s.navigate);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const screen = SCREENS.find((s) => s.shortcut === e.key);
      if (screen) {
        e.preventDefault();
        navigate(screen.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return <Layout screens={SCREENS} />;
}
