/**
 * One colour per domain, the same in the result PDF and on the cabinet's screen (no jsPDF here,
 * so the browser imports it without the PDF library).
 */
import type { Domain } from '../content/schema.ts';

export type Rgb = readonly [number, number, number];

export const DOMAIN_COLORS: Record<Domain, Rgb> = {
  nature: [46, 139, 87],
  technic: [41, 98, 168],
  human: [218, 110, 36],
  sign: [112, 72, 186],
  art: [196, 56, 110],
};

/** A CSS colour for a screen. */
export const cssColor = ([r, g, b]: Rgb) => `rgb(${r} ${g} ${b})`;
