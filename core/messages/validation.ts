/**
 * What a check says when its schema gives no words of its own (part of the message catalog):
 * zod's generic messages, in plain Russian. A person reads them under a field, so they never
 * name a type («string»), a sign («<=») or a format by its English name.
 */
import { formatNumberRu as n, pluralRu } from './numbers.ts';

/** «не больше 300 символов», «не меньше 1 символа»: the genitive that follows «больше» and «меньше». */
const chars = (count: number) => `${n(count)} ${pluralRu(count, 'символа', 'символов', 'символов')}`;
const values = (count: number) => `${n(count)} ${pluralRu(count, 'значения', 'значений', 'значений')}`;

export const validationMessages = {
  required: 'Заполните это поле',
  needText: 'Укажите текст',
  needNumber: 'Укажите число',
  needInteger: 'Укажите целое число',
  needYesOrNo: 'Ответьте «да» или «нет»',
  needList: 'Укажите список значений',
  needDate: 'Укажите дату',
  wrongKind: 'Значение указано в неверном виде',

  textTooLong: (max: number) => `Слишком длинный текст: не больше ${chars(max)}`,
  textTooShort: (min: number) => `Слишком короткий текст: не меньше ${chars(min)}`,
  textExactly: (length: number) => `Нужно ровно ${n(length)} ${pluralRu(length, 'символ', 'символа', 'символов')}`,
  numberTooBig: (max: number) => `Слишком большое число: не больше ${n(max)}`,
  numberNotBelow: (max: number) => `Слишком большое число: нужно меньше ${n(max)}`,
  numberTooSmall: (min: number) => `Слишком маленькое число: не меньше ${n(min)}`,
  numberNotAbove: (min: number) => `Слишком маленькое число: нужно больше ${n(min)}`,
  notMultipleOf: (divisor: number) => `Число должно делиться на ${n(divisor)}`,
  listTooLong: (max: number) => `Слишком длинный список: не больше ${values(max)}`,
  listTooShort: (min: number) => `Слишком короткий список: не меньше ${values(min)}`,
  listEmpty: 'Укажите хотя бы одно значение',
  dateTooLate: 'Слишком поздняя дата',
  dateTooEarly: 'Слишком ранняя дата',
  fileTooBig: 'Слишком большой файл',
  fileTooSmall: 'Слишком маленький файл',

  badEmail: 'Проверьте адрес электронной почты',
  badAddress: 'Проверьте адрес: в нём ошибка',
  badDate: 'Проверьте дату',
  badTime: 'Проверьте время',
  badId: 'Неверный идентификатор',
  badForm: 'Значение записано неверно',
  choose: 'Выберите один из предложенных вариантов',
  extraFields: 'В данных есть лишние поля',
  invalid: 'Значение указано неверно',
};
