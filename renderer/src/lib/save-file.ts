/**
 * Hands a file made in memory to the browser (or Electron) as a download. Nothing is kept: the
 * object URL is released once the download has started.
 */
export function saveBase64File(fileName: string, base64: string, type = 'application/pdf'): void {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the file; give it a moment before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
