import { sql } from 'drizzle-orm';
import { appendAudit, type AuditSource, type Db } from '@campus/db';
import { AppError } from '../common/problem.ts';
import { checkPhoto } from './photo-check.ts';

/** One accepted photo per person (004): uploaded once by the holder, reset only by a card clerk. */

export async function acceptedPhoto(db: Db, personId: number) {
  const [row] = await db.execute<{ id: number; content_type: string; bytes: Buffer; created_at: Date }>(sql`
    select id, content_type, bytes, created_at from person_photos where person_id = ${personId} and status = 'accepted'`);
  return row ?? null;
}

export async function uploadPhoto(db: Db, source: AuditSource, personId: number, bytes: Buffer) {
  if (await acceptedPhoto(db, personId)) throw photoAlreadyAccepted();
  const check = await checkPhoto(bytes);
  if (!check.ok) throw new AppError(422, 'photo_rejected', 'The photo does not meet the rules', check.detail, check.reason);
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ id: number; created_at: Date }>(sql`
      insert into person_photos (person_id, status, width, height, content_type, bytes)
      values (${personId}, 'accepted', ${check.width}, ${check.height}, ${`image/${check.format}`}, ${bytes})
      on conflict do nothing returning id, created_at`);
    // Two uploads at once: the partial unique index keeps the first.
    if (!row) throw photoAlreadyAccepted();
    await appendAudit(tx, source, { action: 'photo.accepted', objectType: 'person', objectId: personId, after: { photoId: row.id, format: check.format } });
    return { status: 'accepted' as const, uploadedAt: new Date(row.created_at).toISOString() };
  });
}

/** A clerk clears the accepted photo so the holder can upload another. */
export async function resetPhoto(db: Db, source: AuditSource, personId: number) {
  return db.transaction(async (tx) => {
    const [row] = await tx.execute<{ id: number }>(sql`
      update person_photos set status = 'rejected', reject_reason = 'reset_by_clerk'
       where person_id = ${personId} and status = 'accepted' returning id`);
    if (!row) throw new AppError(404, 'photo_not_found', 'This person has no accepted photo');
    await appendAudit(tx, source, { action: 'photo.reset', objectType: 'person', objectId: personId, before: { photoId: row.id, status: 'accepted' }, after: { status: 'rejected' } });
  });
}

const photoAlreadyAccepted = () =>
  new AppError(409, 'photo_already_accepted', 'A photo is already accepted', 'Only one photo is accepted per person; a card-center clerk can reset it');
