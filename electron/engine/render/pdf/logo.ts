/**
 * Template logos (data URLs of PNG or JPEG): decoded once per process and embedded into each
 * document as an image XObject.
 */
import { JpegEmbedder, PngEmbedder, type PDFContext, type PDFRef } from 'pdf-lib';
import { FolioError } from '../../../../shared/errors';

type Embedder = JpegEmbedder | PngEmbedder;
const cache = new Map<string, Promise<Embedder>>();

export function decodeDataUrl(url: string): { mime: 'image/png' | 'image/jpeg'; bytes: Uint8Array } {
  const m = /^data:(image\/(?:png|jpeg|jpg));base64,([A-Za-z0-9+/=\s]+)$/.exec(url);
  if (!m) {
    throw new FolioError('validation', 'BAD_LOGO', 'The logo must be a data URL of a PNG or JPEG image (data:image/png;base64,…)', 'branding.logo');
  }
  return { mime: m[1] === 'image/png' ? 'image/png' : 'image/jpeg', bytes: new Uint8Array(Buffer.from(m[2]!, 'base64')) };
}

export async function logoEmbedder(url: string): Promise<Embedder> {
  let p = cache.get(url);
  if (!p) {
    p = (async () => {
      const { mime, bytes } = decodeDataUrl(url);
      try {
        return mime === 'image/png' ? await PngEmbedder.for(bytes) : await JpegEmbedder.for(bytes);
      } catch (err) {
        throw new FolioError('validation', 'BAD_LOGO', `The logo image cannot be read: ${(err as Error).message}`, 'branding.logo');
      }
    })();
    if (cache.size > 32) cache.delete(cache.keys().next().value!);
    cache.set(url, p);
    p.catch(() => cache.delete(url));
  }
  return p;
}

export async function embedLogo(context: PDFContext, embedder: Embedder): Promise<PDFRef> {
  const ref = context.nextRef();
  await embedder.embedIntoContext(context, ref);
  return ref;
}
