/**
 * «Скачать все результаты»: the server builds one ZIP of every finished student's result PDF and
 * a summary spreadsheet in the background; the cabinet follows the job's progress and then
 * downloads the file. The renderer and the server both import these schemas.
 */
import { z } from 'zod';

export const ExportStatus = z.enum(['running', 'ready', 'failed']);
export type ExportStatus = z.infer<typeof ExportStatus>;

/** POST /api/cabinet/exports, GET /api/cabinet/exports/:id (and the school's latest one). */
export const ResultsExportJob = z.object({
  id: z.string(),
  status: ExportStatus,
  /** Result PDFs written so far, of `total` finished students. */
  done: z.number().int(),
  total: z.number().int(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The ZIP's size in bytes once ready. */
  bytes: z.number().int().nullable(),
  /** Where the ZIP downloads from, once ready. */
  downloadUrl: z.string().nullable(),
  /** Why it failed, in Russian; null otherwise. */
  message: z.string().nullable(),
});
export type ResultsExportJob = z.infer<typeof ResultsExportJob>;

/** GET /api/cabinet/exports: the school's latest export still kept, or none. */
export const LatestExport = z.object({ job: ResultsExportJob.nullable() });
export type LatestExport = z.infer<typeof LatestExport>;
