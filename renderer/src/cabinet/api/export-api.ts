/** «Скачать все результаты»: the calls of /api/cabinet/exports, typed by the shared contract. */
import { LatestExport, ResultsExportJob } from '../../../../core/contracts/results-export.ts';
import { call } from './http.ts';

export const exportApi = {
  latest: () => call(LatestExport, 'GET', '/api/cabinet/exports'),
  start: () => call(ResultsExportJob, 'POST', '/api/cabinet/exports'),
  job: (id: string) => call(ResultsExportJob, 'GET', `/api/cabinet/exports/${encodeURIComponent(id)}`),
};
