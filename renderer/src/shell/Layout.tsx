import type { ScreenDef } from '../screens';
import { useAppStore } from '../stores/app';
import { EngineErrorView } from './EngineErrorView';
import { ErrorBoundary } from './ErrorBoundary';
import { Header } from './Header';
import { Sidebar } from './Sidebar';

/** The desktop layout: sidebar navigation, a header with the app's state, the current screen. */
export function Layout({ screens }: { screens: ScreenDef[] }) {
  const screenId = useAppStore((s) => s.screen);
  const error = useAppStore((s) => s.error);
  const dismissError = useAppStore((s) => s.dismissError);
  const screen = screens.find((s) => s.id === screenId) ?? screens[0];
  if (!screen) return null;
  const { Component } = screen;
  return (
    <div className="app">
      <Sidebar screens={screens} />
      <div className="workspace">
        <Header title={screen.label} />
        {error ? <EngineErrorView error={error} onDismiss={dismissError} /> : null}
        <main className="content" data-screen={screen.id} aria-label={screen.label}>
          <ErrorBoundary resetKey={screen.id}>
            <Component />
          </ErrorBoundary>
        </main>
      </div>
    </div>
  );
}
