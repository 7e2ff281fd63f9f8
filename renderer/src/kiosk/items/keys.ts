/** Arrow keys move between the checkboxes of a group, as they do natively between radio buttons. */
export function moveFocus(event: KeyboardEvent): void {
  const step = { ArrowDown: 1, ArrowRight: 1, ArrowUp: -1, ArrowLeft: -1 }[event.key];
  if (!step) return;
  const group = event.currentTarget as HTMLElement;
  const inputs = [...group.querySelectorAll<HTMLInputElement>('input')];
  const at = inputs.indexOf(document.activeElement as HTMLInputElement);
  if (at < 0) return;
  event.preventDefault();
  inputs[(at + step + inputs.length) % inputs.length]?.focus();
}
