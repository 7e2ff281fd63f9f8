/** Names inside the results archive: readable Cyrillic, nothing that escapes the folder or that Windows refuses, none alike. */
import { describe, expect, it } from 'vitest';
import { safeFileBase, uniqueFileNames } from '../../../core/documents/file-names.ts';

describe('safeFileBase', () => {
  it('keeps a Cyrillic name and class as they are', () => {
    expect(safeFileBase('Ёлкина Алёна-Мария, 9А', 'x')).toBe('Ёлкина Алёна-Мария, 9А');
  });

  it('turns path separators and characters Windows refuses into spaces', () => {
    expect(safeFileBase('../..\\Петров/Водкин: "9*?"<Б>|', 'x')).toBe('Петров Водкин 9 Б');
    expect(safeFileBase('Имя\u0000\nФамилия', 'x')).toBe('Имя Фамилия');
  });

  it('never gives a hidden file, an empty name or a Windows device name', () => {
    expect(safeFileBase('.bashrc', 'x')).toBe('bashrc');
    expect(safeFileBase(' /// ', 'Результат')).toBe('Результат');
    expect(safeFileBase('CON', 'x')).toBe('_CON');
    expect(safeFileBase('lpt1', 'x')).toBe('_lpt1');
  });

  it('keeps names short enough for every file system', () => {
    expect(safeFileBase('Я'.repeat(500), 'x').length).toBe(100);
  });
});

describe('uniqueFileNames', () => {
  it('numbers a name already given, whatever its case', () => {
    const name = uniqueFileNames();
    expect(name('Иванов Иван, 9Б', 'pdf')).toBe('Иванов Иван, 9Б.pdf');
    expect(name('Иванов Иван, 9Б', 'pdf')).toBe('Иванов Иван, 9Б (2).pdf');
    expect(name('ИВАНОВ ИВАН, 9Б', 'pdf')).toBe('ИВАНОВ ИВАН, 9Б (3).pdf');
    expect(name('Иванов Иван, 9Б', 'xlsx')).toBe('Иванов Иван, 9Б.xlsx');
  });
});
