/**
 * The main process's IPC wrapper: the only file of main that touches `ipcMain`. It registers one
 * generic handler for every command of the contract (derived from `COMMAND_NAMES`, no hand list),
 * checks that the sender is the main frame of one of our windows on our own URL, and routes engine
 * commands to the engine host and shell commands to main's native implementations.
 */
import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { COMMAND_NAMES, commands, isCommandName, type Reply, type ShellCommandName } from '../../shared/contract';
import { FolioError, toErrorData } from '../../shared/errors';
import { EVENT_CHANNEL } from './channels';
import { isTrustedSender } from './security';

export interface IpcRoutes {
  origins: readonly string[];
  isOurWindow(win: BrowserWindow | null): boolean;
  engine(name: string, input: unknown): Promise<Reply>;
  shell(name: ShellCommandName, input: unknown, win: BrowserWindow | null): Promise<unknown>;
}

function senderIsTrusted(e: IpcMainInvokeEvent, routes: IpcRoutes): boolean {
  const frame = e.senderFrame;
  const win = BrowserWindow.fromWebContents(e.sender);
  return isTrustedSender(
    // a main frame has no parent (WebFrameMain objects are not guaranteed to be identical)
    { frameUrl: frame?.url, isMainFrame: frame !== null && frame !== undefined && frame.parent === null, windowIsOurs: routes.isOurWindow(win) },
    routes.origins,
  );
}

export function registerCommandHandlers(routes: IpcRoutes): () => void {
  const handler = async (name: string, e: IpcMainInvokeEvent, input: unknown): Promise<Reply> => {
    try {
      if (!senderIsTrusted(e, routes)) {
        throw new FolioError('forbidden', 'UNTRUSTED_SENDER', 'This request did not come from a Folio window');
      }
      if (!isCommandName(name)) throw new FolioError('validation', 'UNKNOWN_COMMAND', 'Unknown command', 'command');
      if (commands[name].host === 'shell') {
        const win = BrowserWindow.fromWebContents(e.sender);
        return { ok: true, value: await routes.shell(name as ShellCommandName, input, win) };
      }
      return await routes.engine(name, input);
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  };
  for (const name of COMMAND_NAMES) {
    ipcMain.handle(name, (e, input: unknown) => handler(name, e, input));
  }
  return () => COMMAND_NAMES.forEach((name) => ipcMain.removeHandler(name));
}

/** Pushes an engine event to every window of ours. */
export function pushEvent(windows: readonly BrowserWindow[], name: string, payload: unknown): void {
  for (const win of windows) {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
  }
}
