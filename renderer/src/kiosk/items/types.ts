import type { AnswerValue } from '../../../../core/mutations/schemas.ts';

/** How an item component reports an answer; text waits for a pause in typing before saving. */
export type OnAnswer = (value: AnswerValue, delayMs?: number) => void;
