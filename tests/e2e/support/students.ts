/** Students for the scenarios: each one unique, filled in the way a pupil types. */
let n = 0;

export interface Student {
  surname: string;
  name: string;
  schoolClass: string;
  gender: 'Женский' | 'Мужской';
  region: string;
  locality: string;
  schoolName: string;
  email: string;
  password: string;
}

const NAMES: [string, string, Student['gender']][] = [
  ['Смирнова', 'Анна', 'Женский'],
  ['Кузнецов', 'Иван', 'Мужской'],
  ['Попова', 'Мария', 'Женский'],
  ['Васильев', 'Пётр', 'Мужской'],
  ['Соколова', 'Дарья', 'Женский'],
];

export function aStudent(over: Partial<Student> = {}): Student {
  const [surname, name, gender] = NAMES[n % NAMES.length]!;
  n += 1;
  return {
    surname,
    name,
    gender,
    schoolClass: '8Б',
    region: 'Москва',
    locality: 'Москва',
    schoolName: 'ГБОУ Школа № 1 (демо)',
    email: `student${n}.${Date.now().toString(36)}@example.ru`,
    password: 'parol123',
    ...over,
  };
}
