/**
 * The browser bridge's transport: commands as `POST /api/invoke/<name>`, engine events over
 * Server-Sent Events, the per-run token (from the page's URL) on every request. Shell commands get
 * browser stand-ins: a folder or file path typed into a prompt, a file saved as a browser download.
 */
import type { Transport } from '../../../shared/api';
import type { CommandName, EventName, FileResult, Reply } from '../../../shared/contract';
import type { FolioErrorData } from '../../../shared/errors';

export const TOKEN_HEADER = 'x-folio-token';

function readToken(): string {
  const fromUrl = new URLSearchParams(window.location.search).get('token');
  if (fromUrl) {
    sessionStorage.setItem('folio-token', fromUrl);
    return fromUrl;
  }
  return sessionStorage.getItem('folio-token') ?? '';
}

function failure(code: string, message: string): Reply {
  const error: FolioErrorData = { type: 'internal', code, message };
  return { ok: false, error };
}

function downloadBase64(file: FileResult): void {
  const bin = atob(file.base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function httpTransport(base = ''): Transport {
  const token = readToken();

  async function post(name: CommandName, input: unknown): Promise<Reply> {
    let res: Response;
    try {
      res = await fetch(`${base}/api/invoke/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(input ?? {}),
      });
    } catch (err) {
      return failure('ENGINE_UNREACHABLE', `The engine could not be reached: ${(err as Error).message}`);
    }
    try {
      return (await res.json()) as Reply;
    } catch {
      return failure('BAD_REPLY', `The engine answered ${res.status} without a readable reply`);
    }
  }

  async function shell(name: CommandName, input: Record<string, unknown>): Promise<Reply> {
    switch (name) {
      case 'shell:chooseFolder': {
        const title = typeof input.title === 'string' ? input.title : 'Choose a folder';
        const typed = window.prompt(`${title}\n\nType the full path of a folder on this computer:`);
        return { ok: true, value: { path: typed && typed.trim() ? typed.trim() : null } };
      }
      case 'shell:chooseFile': {
        const title = typeof input.title === 'string' ? input.title : 'Choose a file';
        const exts = Array.isArray(input.extensions) ? input.extensions.map((e) => `.${String(e)}`).join(', ') : '.csv, .xlsx';
        const typed = window.prompt(`${title}\n\nType the full path of a file (${exts}) on this computer:`);
        return { ok: true, value: { path: typed && typed.trim() ? typed.trim() : null } };
      }
      case 'shell:chooseSavePath':
        // a browser saves exports as downloads (the page asks the engine for the bytes)
        return { ok: true, value: { path: null } };
      case 'shell:saveCopy': {
        const reply = await post('history:file', { ref: input.ref, purpose: 'download' });
        if (!reply.ok) return reply;
        const file = reply.value as FileResult;
        downloadBase64(file);
        return { ok: true, value: { path: file.fileName } };
      }
      case 'shell:showInFolder':
        return { ok: true, value: { shown: false } };
      default:
        return post(name, input);
    }
  }

  return {
    invoke(name, input) {
      if (name.startsWith('shell:')) return shell(name, (input ?? {}) as Record<string, unknown>);
      return post(name, input);
    },
    subscribe(listener) {
      const source = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
      source.onmessage = (ev: MessageEvent<string>) => {
        try {
          const msg = JSON.parse(ev.data) as { name: EventName; payload: unknown };
          listener(msg.name, msg.payload);
        } catch {
          /* a malformed event is dropped */
        }
      };
      return () => source.close();
    },
  };
}
