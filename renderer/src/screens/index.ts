/**
 * The app's screens, in navigation order (owner: the UI issue). The shell (App) renders the
 * navigation from this list; each screen is one component in its own folder/file.
 */
import type { ComponentType } from 'react';
import { PlaceholderScreen } from './PlaceholderScreen';

export interface ScreenDef {
  id: 'generate' | 'history' | 'batch' | 'data' | 'uploads' | 'templates' | 'settings';
  label: string;
  /** keyboard shortcut digit: Ctrl/Cmd+N */
  shortcut: string;
  Component: ComponentType;
}

export const SCREENS: ScreenDef[] = [
  { id: 'generate', label: 'Generate', shortcut: '1', Component: () => PlaceholderScreen({ title: 'Generate' }) },
  { id: 'history', label: 'History', shortcut: '2', Component: () => PlaceholderScreen({ title: 'History' }) },
  { id: 'batch', label: 'Batch', shortcut: '3', Component: () => PlaceholderScreen({ title: 'Batch' }) },
  { id: 'data', label: 'Data', shortcut: '4', Component: () => PlaceholderScreen({ title: 'Data' }) },
  { id: 'uploads', label: 'Uploads', shortcut: '5', Component: () => PlaceholderScreen({ title: 'Uploads' }) },
  { id: 'templates', label: 'Templates', shortcut: '6', Component: () => PlaceholderScreen({ title: 'Templates' }) },
  { id: 'settings', label: 'Settings', shortcut: '7', Component: () => PlaceholderScreen({ title: 'Settings' }) },
];
