/**
 * The preload: exposes exactly one object, `window.folio`, generated from the contract
 * (`createWireApi`): `folio.<domain>.<verb>(input) → Promise<Reply>` and `folio.on(event, cb)`.
 * Replies are plain data (errors as data), so they cross the context bridge unchanged.
 */
import { contextBridge } from 'electron';
import { createWireApi } from '../../shared/api';
import { ipcTransport } from './ipc-transport';

contextBridge.exposeInMainWorld('folio', createWireApi(ipcTransport));
