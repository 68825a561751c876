/** Sends a prebuilt bundle with ETag revalidation and gzip when the client accepts it. */
import type { Request, Response } from 'express';
import type { Bundle } from './bundle.ts';

export function sendBundle(req: Request, res: Response, bundle: Bundle, cacheControl: string): void {
  res.set({
    'Content-Type': bundle.contentType,
    'Cache-Control': cacheControl,
    ETag: bundle.etag,
    Vary: 'Accept-Encoding',
  });
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (req.acceptsEncodings('gzip', 'identity') === 'gzip') {
    res.set('Content-Encoding', 'gzip').send(bundle.gzip);
    return;
  }
  res.send(bundle.body);
}
