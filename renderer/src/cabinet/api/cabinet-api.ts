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
import { ResultsList, TemporaryPassword } from '../../../../core/contracts/results.ts';
import { ParentConsentList, type PaperConsentReceived } from '../../../../core/contracts/parent-consent.ts';
import { call, callEmpty, downloadFile } from './http.ts';

export const cabinetApi = {
  overview: () => call(CabinetOverview, 'GET', '/api/cabinet/overview'),
  tariffs: () => call(PurchasedTariffs, 'GET', '/api/cabinet/tariffs'),
  obtain: (request: ObtainTariffRequest) => call(PurchasedTariff, 'POST', '/api/cabinet/tariffs', request),
  schedule: () => call(Schedule, 'GET', '/api/cabinet/schedule'),
  results: () => call(ResultsList, 'GET', '/api/cabinet/results'),
  devices: () => call(z.array(Device), 'GET', '/api/cabinet/devices'),
  rejections: () => call(z.array(RejectionRecord), 'GET', '/api/cabinet/rejections'),
  enroll: () => call(EnrollmentCode, 'POST', '/api/cabinet/enrollments'),
  revoke: (deviceId: string) => callEmpty('POST', `/api/cabinet/devices/${encodeURIComponent(deviceId)}/revoke`),
  setStudentPassword: (participantId: string) =>
    call(TemporaryPassword, 'POST', `/api/cabinet/students/${encodeURIComponent(participantId)}/password`),
  parentConsents: () => call(ParentConsentList, 'GET', '/api/cabinet/parent-consents'),
  recordPaperConsent: (participantId: string, input: PaperConsentReceived) =>
    callEmpty('POST', `/api/cabinet/students/${encodeURIComponent(participantId)}/parent-consent`, input),
  resultPdf: (url: string, name: string) => downloadFile(url, `${name}.pdf`),
  certificate: () => downloadFile('/api/cabinet/certificate.pdf', 'certificate.pdf'),
};
