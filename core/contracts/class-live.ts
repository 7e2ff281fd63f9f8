/**
 * «Класс сейчас»: where each student of the co-organizer's school is during a session, read by
 * GET /api/cabinet/class and asked again whenever the socket's `class` event says it moved.
 */
import { z } from 'zod';

/** The classroom PC a student works at, with what it last told the server about itself. */
export const LivePc = z.object({
  id: z.string(),
  name: z.string(),
  /** Changes the PC still holds unsent, as its last sync round reported. */
  unsent: z.number().int().nonnegative(),
  lastContactAt: z.number().int().nullable(),
});
export type LivePc = z.infer<typeof LivePc>;

export const LiveStudent = z.object({
  participantId: z.string(),
  fullName: z.string(),
  schoolClass: z.string(),
  /** The school a student from elsewhere named at registration; null for the school's own students. */
  fromElsewhere: z.string().nullable(),
  /**
   * The school's PC the student is signed in at now, else the one where they entered their code;
   * null for a student who only worked through the website (or at another school's PC).
   */
  pc: LivePc.nullable(),
  stepsDone: z.number().int().nonnegative(),
  /** The step the student is on (the first not yet done); null once every step is done. */
  step: z.number().int().positive().nullable(),
  /** The question of that step last answered, 1-based, and how many the step has; null before the first answer. */
  question: z.number().int().positive().nullable(),
  questionCount: z.number().int().nonnegative().nullable(),
  finished: z.boolean(),
  /** Server time of the student's last saved answer, completed step or registration. */
  lastActivityAt: z.number().int(),
  /** Not finished and nothing saved for IDLE_AFTER_MS. */
  idle: z.boolean(),
});
export type LiveStudent = z.infer<typeof LiveStudent>;

/** GET /api/cabinet/class */
export const LiveClass = z.object({
  students: z.array(LiveStudent),
  stepCount: z.number().int().positive(),
  idleAfterMs: z.number().int().positive(),
  serverTime: z.number().int(),
});
export type LiveClass = z.infer<typeof LiveClass>;

/** A student with nothing saved for this long while not finished is marked in «Класс сейчас». */
export const IDLE_AFTER_MS = 5 * 60_000;
