/**
 * The app's screens, in navigation order (owner: the UI issue). The shell (App) renders the
 * navigation from this list; each screen is one component in its own folder/file.
 * Every screen starts the screens' store subscriptions on first mount (`initStores`, idempotent),
 * so nothing subscribes at import time even if the shell does not call it itself.
 */
import { createElement, useEffect, type ComponentType } from 'react';
import '../styles/screens.css';
import { initStores } from '../stores';
import { BatchScreen } from './batch/BatchScreen';
import { DataScreen } from './data/DataScreen';
import { GenerateScreen } from './generate/GenerateScreen';
import { HistoryScreen } from './history/HistoryScreen';
import { SettingsScreen } from './settings/SettingsScreen';
import { TemplatesScreen } from './templates/TemplatesScreen';
import { UploadsScreen } from './uploads/UploadsScreen';

export { initStores } from '../stores';

export interface ScreenDef {
  id: 'generate' | 'history' | 'batch' | 'data' | 'uploads' | 'templates' | 'settings';
  label: string;
  /** keyboard shortcut digit: Ctrl/Cmd+N */
  shortcut: string;
  Component: ComponentType;
}

function withStores(Screen: ComponentType): ComponentType {
  function Started() {
    useEffect(() => {
      initStores();
    }, []);
    return createElement(Screen);
  }
  Started.displayName = `Started(${Screen.displayName ?? Screen.name})`;
  return Started;
}

export const SCREENS: ScreenDef[] = [
  { id: 'generate', label: 'Generate', shortcut: '1', Component: withStores(GenerateScreen) },
  { id: 'history', label: 'History', shortcut: '2', Component: withStores(HistoryScreen) },
  { id: 'batch', label: 'Batch', shortcut: '3', Component: withStores(BatchScreen) },
  { id: 'data', label: 'Data', shortcut: '4', Component: withStores(DataScreen) },
  { id: 'uploads', label: 'Uploads', shortcut: '5', Component: withStores(UploadsScreen) },
  { id: 'templates', label: 'Templates', shortcut: '6', Component: withStores(TemplatesScreen) },
  { id: 'settings', label: 'Settings', shortcut: '7', Component: withStores(SettingsScreen) },
];
