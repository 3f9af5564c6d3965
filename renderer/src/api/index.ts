/**
 * The app's typed API. In Electron the preload exposes `window.folio` (built from the contract);
 * in a plain browser (the bridge used by tests and `npm run start:browser`) the same API is built
 * over HTTP. Screens and stores import `api` and never know which transport they are on.
 */
import { createClient, createWireApi, type ClientApi, type WireApi } from '../../../shared/api';
import { httpTransport } from './http-transport';

declare global {
  interface Window {
    folio?: WireApi;
  }
}

export const transportKind: 'electron' | 'browser' = window.folio ? 'electron' : 'browser';

const wire: WireApi = window.folio ?? createWireApi(httpTransport());

export const api: ClientApi = createClient(wire);
export type { ClientApi } from '../../../shared/api';
