/** Sends PDF bytes as a download with a Cyrillic file name (RFC 6266 filename* for UTF-8). */
import type { Response } from 'express';

/** The Content-Disposition of a download named `fileName`, Cyrillic included. */
export function attachment(fileName: string): string {
  // The plain filename is for old clients that ignore filename*; it must stay ASCII.
  const ascii = fileName.replace(/[^\x20-\x7e]+/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

export function sendPdf(res: Response, bytes: Uint8Array, fileName: string): void {
  res.setHeader('Content-Type', 'application/pdf');
  res.setHeader('Content-Disposition', attachment(fileName));
  res.setHeader('Content-Length', String(bytes.byteLength));
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}
