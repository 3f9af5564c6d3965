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
  /** an open-file dialog for a file to import (CSV or XLSX by default); null when cancelled */
  'shell:chooseFile': command<{ path: string | null }>()(
    z
      .object({
        title: z.string().max(200).default('Choose a file'),
        extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i, 'an extension is letters and digits, without the dot')).min(1).max(20).default(['csv', 'xlsx']),
      })
      .strict(),
    'viewer',
    'shell',
  ),
  /** a save dialog (exports): the path chosen, null when cancelled; the browser downloads instead */
  'shell:chooseSavePath': command<{ path: string | null }>()(
    z
      .object({
        title: z.string().max(200).default('Save as'),
        defaultName: z.string().min(1).max(255),
        extensions: z.array(z.string().regex(/^[a-z0-9]{1,10}$/i, 'an extension is letters and digits, without the dot')).min(1).max(20),
      })
      .strict(),
    'viewer',
    'shell',
  ),
  'shell:saveCopy': command<{ path: string | null }>()(z.object({ ref: id }).strict(), 'viewer', 'shell'),
  'shell:showInFolder': command<{ shown: boolean }>()(z.object({ ref: id }).strict(), 'viewer', 'shell'),
} as const;
