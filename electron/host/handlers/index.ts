/** The one handler table both bridges (Electron IPC and HTTP) serve. */
import type { Handlers } from '../context.ts';
import { dismissNotice, login, logout, me, register, registrationForm } from './account.ts';
import { enroll, status } from './device.ts';
import { document, result } from './documents.ts';
import { activate, completeStep, content, progress, saveAnswer } from './journey.ts';
import { buyIndividualTariff, individualTariff } from './tariff.ts';

export const handlers: Handlers = {
  status,
  enroll,
  registrationForm,
  register,
  login,
  logout,
  me,
  dismissNotice,
  content,
  activate,
  progress,
  saveAnswer,
  completeStep,
  individualTariff,
  buyIndividualTariff,
  result,
  document,
};
