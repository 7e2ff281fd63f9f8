/**
 * A class that took part: students registered on a school's kiosk, each applying a code and
 * completing some steps, pushed over real HTTP like a kiosk's outbox. Plus PDF text extraction.
 */
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { uuidv7 } from '../../../core/ids.ts';
import type { Mutation } from '../../../core/mutations/schemas.ts';
import { DeviceClient } from '../../support/device-client.ts';
import { enroll, MutationMaker } from '../../support/factories.ts';
import type { TestServer } from '../../support/server.ts';
import { loadContentPack } from '../../../sync-server/content/content.service.ts';

const PARENT = { by: 'Иванова Ольга Петровна', how: 'electronic' } as const;
export interface Student {
  surname: string;
  name: string;
  schoolClass: string;
  /** How many steps (1..n) the student completes. */
  steps: number;
  /** False for a student who registers and applies no code. */
  applies?: boolean;
}

export interface Enrolled extends Student {
  id: string;
  email: string;
}

/** Registers the students on a new kiosk of `schoolId`, applies `code` and completes their steps. */
export async function classTakesPart(
  server: Pick<TestServer, 'url' | 'ctx'>,
  schoolId: string,
  code: string,
  students: Student[],
): Promise<Enrolled[]> {
  const device = await enroll(server.url, server.ctx, schoolId, `ПК ${uuidv7().slice(-4)}`);
  const client = new DeviceClient(server.url, device.credential, device.instanceId);
  const maker = new MutationMaker(() => server.ctx.now(), loadContentPack(server.ctx.config.contentPackFile));
  const out: Enrolled[] = [];
  // Students register in their school's region, whose window the campaign opens.
  const { region } = await server.ctx.db
    .selectFrom('schools')
    .select('region')
    .where('id', '=', schoolId)
    .executeTakeFirstOrThrow();
  for (const s of students) {
    const id = uuidv7();
    const email = `${id.slice(-10)}@school.ru`;
    const register = maker.register(id, email);
    register.args.profile = {
      ...register.args.profile,
      surname: s.surname,
      name: s.name,
      schoolClass: s.schoolClass,
      region,
    };
    // Younger classes need a parent's consent where the campaign says so (the demo's does).
    const withParent = { ...register, args: { ...register.args, parentConsent: PARENT } };
    const batch: Mutation[] = s.applies === false ? [withParent] : [withParent, maker.activate(id, code)];
    for (let step = 1; step <= s.steps; step++) batch.push(maker.complete(id, step));
    const r = await client.push(batch);
    const refused = r.body.outcomes?.filter((o) => o.status !== 'accepted');
    if (r.status !== 200 || refused?.length) throw new Error(`push failed: ${r.status} ${JSON.stringify(r.body)}`);
    out.push({ ...s, id, email });
  }
  return out;
}

/** The text of every page of a PDF, joined, as a reader's copy-paste would give it. */
export async function pdfText(bytes: ArrayBuffer | Uint8Array): Promise<string> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const doc = await getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((it) => ('str' in it ? it.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n');
}

/** GET with a session cookie, returning the raw bytes (PDF downloads). */
export async function download(baseUrl: string, path: string, cookie: string | undefined) {
  const res = await fetch(`${baseUrl}${path}`, { headers: cookie ? { cookie } : {} });
  return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
}
