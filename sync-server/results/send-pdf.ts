/** Sends PDF bytes as a download with a Cyrillic file name (RFC 6266 filename* for UTF-8). */
import type { Response } from 'express';

export function sendPdf(res: Response, bytes: Uint8Array, fileName: string): void {
  // The plain filename is for old clients that ignore filename*; it must stay ASCII.
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader(
    'Content-Disposition',
    `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  res.setHeader('Content-Length', String(bytes.byteLength));
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
