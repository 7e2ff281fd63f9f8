import { describe, expect, it } from 'vitest';
import { infoBlocks } from '../../../renderer/src/kiosk/items/info-blocks.ts';

describe('an information page body', () => {
  it('shows «•» lines as a list between its paragraphs', () => {
    const body =
      'Пять групп профессий.\n• «Человек — природа»\n• «Человек — техника»\nВыберите ближе.\n\nВторой абзац.';
    expect(infoBlocks(body)).toEqual([
      { kind: 'text', text: 'Пять групп профессий.' },
      { kind: 'list', items: ['«Человек — природа»', '«Человек — техника»'] },
      { kind: 'text', text: 'Выберите ближе.' },
      { kind: 'text', text: 'Второй абзац.' },
    ]);
  });

  it('keeps plain text as paragraphs, and a dash inside a line is not a bullet', () => {
    expect(infoBlocks('Человек — природа.\n\nЕщё.')).toEqual([
      { kind: 'text', text: 'Человек — природа.' },
      { kind: 'text', text: 'Ещё.' },
    ]);
  });
});
