/**
 * The preload's IPC wrapper: the only file of the preload that touches `ipcRenderer`. A command
 * is invoked on the channel of its own name (main registered one per contract command); every
 * engine event arrives on one event channel.
 */
import { ipcRenderer, type IpcRendererEvent } from 'electron';
import type { Transport } from '../../shared/api';
import type { EventName, Reply } from '../../shared/contract';
import { EVENT_CHANNEL } from '../main/channels';

export const ipcTransport: Transport = {
  invoke(name, input) {
    return ipcRenderer.invoke(name, input) as Promise<Reply>;
  },
  subscribe(listener) {
    const handler = (_e: IpcRendererEvent, name: EventName, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
};
