/**
 * An information page's body as blocks: paragraphs are separated by blank lines, and lines that
 * start with «•» (or «-») form a bulleted list, as the content pack writes them.
 */
export type InfoBlock = { kind: 'text'; text: string } | { kind: 'list'; items: string[] };

const BULLET = /^\s*[•-]\s+/;

export function infoBlocks(body: string): InfoBlock[] {
  const blocks: InfoBlock[] = [];
  for (const paragraph of body.split(/\n{2,}/)) {
    let text: string[] = [];
    let list: string[] = [];
    const flushText = () => {
      if (text.length) blocks.push({ kind: 'text', text: text.join('\n') });
      text = [];
    };
    const flushList = () => {
      if (list.length) blocks.push({ kind: 'list', items: list });
      list = [];
    };
    for (const line of paragraph.split('\n')) {
      if (BULLET.test(line)) {
        flushText();
        list.push(line.replace(BULLET, ''));
      } else if (line.trim()) {
        flushList();
        text.push(line);
      }
    }
    flushText();
    flushList();
  }
  return blocks;
}
