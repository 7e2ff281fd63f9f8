/**
 * PDF documents: the participant's result and the two certificates. One function per document,
 * the same wherever it runs (server, kiosk host, kiosk renderer); fonts come from the host.
 */
export {
  renderCoorganizerCertificatePdf,
  renderParticipantCertificatePdf,
  type CoorganizerCertificateInput,
  type ParticipantCertificateInput,
} from './certificate-pdf.ts';
export { bytesToBase64, FONT_FAMILY, registerFonts, type FontData } from './fonts.ts';
export { renderResultPdf, type ResultPdfInput } from './result-pdf.ts';
export {
  certificateSerial,
  generateCertificateSerial,
  isValidCertificateSerial,
  normalizeCertificateSerial,
  SERIAL_PREFIX,
  verificationUrl,
} from './serial.ts';
