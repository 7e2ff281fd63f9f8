/**
 * The verification page the certificate's QR code opens on a phone: one small server-rendered
 * HTML page, inline styles only (the CSP allows them; nothing loads from elsewhere), no script.
 */
import { localDay } from '../../core/calendar.ts';
import { formatDayRu } from '../../core/calendar.ts';
import type { Verification } from '../../core/contracts/results.ts';
import { verifyPageMessages as m } from '../../core/messages/cabinet-screens.ts';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
h1{font-size:1.4rem;line-height:1.25}
body{margin:0;font:18px/1.45 system-ui,'Segoe UI',Roboto,'PT Sans',Arial,sans-serif;background:#f3f6fb;color:#1b2330}
main{max-width:36rem;margin:0 auto;padding:1.25rem}
.card{background:#fff;border-radius:14px;box-shadow:0 1px 3px rgb(0 0 0/.08);padding:1.25rem 1.5rem;margin-bottom:1rem}
.verdict{font-size:1.35rem;font-weight:700;padding:.75rem 1rem;border-radius:10px;margin:0 0 1rem}
.ok{background:#e3f4ea;color:#1e7a43}.bad{background:#fdeceb;color:#b3261e}
dl{margin:0}dt{color:#566173;font-size:.85rem;margin-top:.6rem}dd{margin:0;font-weight:600}
.muted{color:#566173;font-size:.9rem}
label{display:block;font-weight:600;margin-bottom:.25rem}
input{font:inherit;min-height:48px;padding:.3em .6em;border:2px solid #c9d2df;border-radius:10px;width:100%;box-sizing:border-box}
button{font:inherit;font-weight:600;min-height:48px;margin-top:.5rem;padding:.3em 1.2em;border-radius:10px;border:2px solid #1d4fa3;background:#1d4fa3;color:#fff}
:focus-visible{outline:4px solid #f5a623;outline-offset:2px}`;

function details(v: Extract<Verification, { valid: true }>, timeZone: string): string {
  const rows: [string, string][] = [
    [m.serial, v.serial],
    [m.kind, m.kinds[v.kind]],
    [m.name, v.name],
    [m.school, v.schoolName],
    [m.campaign, v.campaignTitle],
    [m.issued, formatDayRu(localDay(new Date(v.issuedAt), timeZone))],
  ];
  return `<dl>${rows.map(([k, val]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(val)}</dd>`).join('')}</dl>`;
}

export function verifyPageHtml(v: Verification, timeZone = 'Europe/Moscow'): string {
  return pageHtml(
    v.valid
      ? `<p class="verdict ok">${escapeHtml(m.genuine)}</p>${details(v, timeZone)}`
      : v.erased
        ? `<p class="verdict bad">${escapeHtml(m.erased)}</p><p>${escapeHtml(m.erasedHint(v.serial))}</p>`
        : `<p class="verdict bad">${escapeHtml(m.notFound)}</p><p>${escapeHtml(m.notFoundHint(v.serial))}</p>`,
  );
}

/** The same page when the check itself is refused (too many lookups): the reason instead of a verdict. */
export function verifyRefusedHtml(reason: string): string {
  return pageHtml(`<p class="verdict bad">${escapeHtml(reason)}</p>`);
}

function pageHtml(verdict: string): string {
  return `<!doctype html>
<html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(m.title)}</title><style>${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(m.title)}</h1>
<section class="card" aria-live="polite">${verdict}</section>
<form class="card" method="get" action="/verify"><label for="serial">${escapeHtml(m.another)}</label>
<input id="serial" name="serial" autocomplete="off" spellcheck="false" placeholder="MB-2026-XXXXXXXX" required maxlength="40">
<button type="submit">${escapeHtml(m.check)}</button></form>
<p class="muted">${escapeHtml(m.footer)}</p>
</main></body></html>`;
}
