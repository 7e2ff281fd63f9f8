/** The cabinet's calls, one per route of /api/cabinet, typed by the shared contracts. */
import { z } from 'zod';
import {
  CabinetOverview,
  Device,
  EnrollmentCode,
  type ObtainTariffRequest,
  PurchasedTariff,
  PurchasedTariffs,
  RejectionRecord,
  Schedule,
} from '../../../../core/contracts/api.ts';
import { DuplicatesList, MergeResult, type MergeRequest } from '../../../../core/contracts/duplicates.ts';
import { LiveClass } from '../../../../core/contracts/class-live.ts';
import {
  ResultsPage,
  type ResultsQuery,
  StudentResult,
  TemporaryPassword,
} from '../../../../core/contracts/results.ts';
import { ErasureDone } from '../../../../core/contracts/privacy.ts';
import { ParentConsentList, type PaperConsentReceived } from '../../../../core/contracts/parent-consent.ts';
import { call, callEmpty, downloadFile } from './http.ts';

export const cabinetApi = {
  overview: () => call(CabinetOverview, 'GET', '/api/cabinet/overview'),
  tariffs: () => call(PurchasedTariffs, 'GET', '/api/cabinet/tariffs'),
  obtain: (request: ObtainTariffRequest) => call(PurchasedTariff, 'POST', '/api/cabinet/tariffs', request),
  schedule: () => call(Schedule, 'GET', '/api/cabinet/schedule'),
  /** One page of «Результаты»; empty filters are left out of the address. */
  results: (query: Partial<ResultsQuery>) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query))
      if (value !== undefined && value !== '') params.set(key, String(value));
    return call(ResultsPage, 'GET', `/api/cabinet/results?${params}`);
  },
  student: (participantId: string) =>
    call(StudentResult, 'GET', `/api/cabinet/results/students/${encodeURIComponent(participantId)}`),
  devices: () => call(z.array(Device), 'GET', '/api/cabinet/devices'),
  liveClass: () => call(LiveClass, 'GET', '/api/cabinet/class'),
  rejections: () => call(z.array(RejectionRecord), 'GET', '/api/cabinet/rejections'),
  enroll: () => call(EnrollmentCode, 'POST', '/api/cabinet/enrollments'),
  revoke: (deviceId: string) => callEmpty('POST', `/api/cabinet/devices/${encodeURIComponent(deviceId)}/revoke`),
  setStudentPassword: (participantId: string) =>
    call(TemporaryPassword, 'POST', `/api/cabinet/students/${encodeURIComponent(participantId)}/password`),
  duplicates: () => call(DuplicatesList, 'GET', '/api/cabinet/duplicates'),
  merge: (request: MergeRequest) => call(MergeResult, 'POST', '/api/cabinet/duplicates/merge', request),
  studentExport: (participantId: string) =>
    downloadFile(`/api/cabinet/students/${encodeURIComponent(participantId)}/export`, 'dannye-uchastnika.json'),
  eraseStudent: (participantId: string, reason: string) =>
    call(ErasureDone, 'POST', `/api/cabinet/students/${encodeURIComponent(participantId)}/erase`, { reason }),
  parentConsents: () => call(ParentConsentList, 'GET', '/api/cabinet/parent-consents'),
  recordPaperConsent: (participantId: string, input: PaperConsentReceived) =>
    callEmpty('POST', `/api/cabinet/students/${encodeURIComponent(participantId)}/parent-consent`, input),
  resultPdf: (url: string, name: string) => downloadFile(url, `${name}.pdf`),
  certificate: () => downloadFile('/api/cabinet/certificate.pdf', 'certificate.pdf'),
};
