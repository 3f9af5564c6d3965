import { z } from 'zod';
import { command, id } from './define';

/**
 * Commands that need the desktop shell (native dialogs, the OS file manager). Electron's main
 * process handles them; the browser bridge has stand-ins (a path typed in, a browser download).
 */
export const shellCommands = {
  'shell:chooseFolder': command<{ path: string | null }>()(
    z.object({ title: z.string().max(200).default('Choose a folder') }).strict(),
    'viewer',
    'shell',
  ),
  'shell:saveCopy': command<{ path: string | null }>()(z.object({ ref: id }).strict(), 'viewer', 'shell'),
  'shell:showInFolder': command<{ shown: boolean }>()(z.object({ ref: id }).strict(), 'viewer', 'shell'),
} as const;
