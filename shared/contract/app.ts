import { command, empty } from './define';

export interface DatabaseState {
  file: string;
  exists: boolean;
  schemaVersion: number;
  sizeBytes: number;
  encrypted: boolean;
}

export interface AppInfo {
  name: string;
  version: string;
  engineVersion: string;
  dataDir: string;
  user: string;
  role: 'viewer' | 'accountant' | 'admin';
  online: boolean;
  platform: string;
  cache: DatabaseState & { empty: boolean; lastImportAt: string | null };
  ledger: DatabaseState & { statements: number };
}

export const appCommands = {
  'app:info': command<AppInfo>()(empty, 'viewer'),
} as const;
