/**
 * What erasing a participant (deletion on request, or the end of retention) does to each kind of
 * record, once for every store: the server and each kiosk read this rule. Personal records go.
 * What the accounting needs stays, without the person: the server keeps that a code's place was
 * used (the activation, tied only to a bare id that no longer names anyone) and that a
 * certificate number existed (its serial, campaign and date; the name and school printed on it are
 * blanked, and the verify page says it no longer verifies as anyone's). A kiosk is not the
 * accounting's keeper: it drops every record of the person.
 */

export type ErasedRecord =
  'participant' | 'answer' | 'completion' | 'activation' | 'certificate' | 'session' | 'visit' | 'notice' | 'unsent';

export type ErasureFate = 'delete' | 'keep-without-person';

/** Why the accounting needs a record after its person is gone; a record not listed is personal. */
const ACCOUNTING: Partial<Record<ErasedRecord, string>> = {
  activation: 'место по коду использовано',
  certificate: 'сертификат с этим номером выдавался',
};

export type ErasureStore = 'central' | 'kiosk';

export function erasureFate(store: ErasureStore, record: ErasedRecord): ErasureFate {
  return store === 'central' && ACCOUNTING[record] ? 'keep-without-person' : 'delete';
}

/** A certificate kept for the accounting: what it printed about the person is blanked. */
export function certificateWithoutPerson<C extends { name: string; schoolName: string }>(c: C): C {
  return { ...c, name: '', schoolName: '' };
}

/** Why a participant's data was erased: on their (or a parent's) request, or at the end of retention. */
export type ErasureCause = 'request' | 'retention';
