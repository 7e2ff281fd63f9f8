/**
 * A QR code drawn as filled squares with jsPDF primitives: no canvas and no raster image, so it
 * works the same in Node and in the browser and stays sharp when printed.
 */
import type { jsPDF } from 'jspdf';
import QRCode from 'qrcode';

/** Modules of white border the QR standard asks for, so scanners find the code on any background. */
export const QR_QUIET_ZONE = 4;

/** Draws the code for `text` inside the square at (x, y) of side `size` mm, quiet zone included. */
export function drawQr(doc: jsPDF, text: string, x: number, y: number, size: number): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const cell = size / (n + 2 * QR_QUIET_ZONE);
  const origin = QR_QUIET_ZONE * cell;
  doc.setFillColor(255, 255, 255);
  doc.rect(x, y, size, size, 'F');
  doc.setFillColor(0, 0, 0);
  for (let row = 0; row < n; row++) {
    // One rectangle per horizontal run of dark modules: fewer operators, no hairline seams.
    let col = 0;
    while (col < n) {
      if (!modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && modules.get(row, col)) col++;
      // A little overlap downwards closes the seams some viewers draw between rows.
      doc.rect(x + origin + start * cell, y + origin + row * cell, (col - start) * cell, cell * 1.04, 'F');
    }
  }
}
