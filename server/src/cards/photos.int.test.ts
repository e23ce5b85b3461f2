import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test-support/app.ts';
import { injectAs, sessionFor } from '../../../test-support/auth.ts';
import { createStudents } from '../../../test-support/factories.ts';

const ctx = useTestApp();

const LIGHT_BLUE = { r: 160, g: 205, b: 240 };

/** An ID photo: a light-blue (or other) background with a darker "head" in the middle. */
async function photo(options: { width?: number; height?: number; background?: { r: number; g: number; b: number }; format?: 'jpeg' | 'png' | 'gif' } = {}) {
  const width = options.width ?? 272;
  const height = options.height ?? 354;
  const head = await sharp({ create: { width: 120, height: 160, channels: 3, background: { r: 90, g: 60, b: 50 } } }).png().toBuffer();
  const image = sharp({ create: { width, height, channels: 3, background: options.background ?? LIGHT_BLUE } }).composite([{ input: head, top: Math.floor(height / 4), left: Math.floor((width - 120) / 2) }]);
  const format = options.format ?? 'jpeg';
  return format === 'gif' ? image.gif().toBuffer() : format === 'png' ? image.png().toBuffer() : image.jpeg({ quality: 90 }).toBuffer();
}

const upload = (token: string, body: Buffer, contentType = 'image/jpeg') =>
  injectAs(ctx.app, token, { method: 'PUT', url: '/api/me/photo', payload: body, headers: { 'content-type': contentType } });

async function refusal(body: Buffer, contentType?: string) {
  const [s] = await createStudents(ctx.app, 1);
  const res = await upload(s!.token, body, contentType);
  const [stored] = await ctx.app.pg.sql`select count(*)::int as n from person_photos where person_id = ${s!.personId}`;
  return { status: res.statusCode, code: res.json().code as string, reason: res.json().reason as string, stored: stored!.n as number };
}

describe('photo upload', () => {
  it('accepts a 272×354 light-blue JPEG, once; a clerk can reset it', async () => {
    const [s] = await createStudents(ctx.app, 1);
    const res = await upload(s!.token, await photo());
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('accepted');
    const [row] = await ctx.app.pg.sql`select status::text, width, height, content_type from person_photos where person_id = ${s!.personId}`;
    expect(row).toMatchObject({ status: 'accepted', width: 272, height: 354, content_type: 'image/jpeg' });
    const mine = await injectAs(ctx.app, s!.token, { url: '/api/me/photo' });
    expect(mine.headers['content-type']).toBe('image/jpeg');

    const again = await upload(s!.token, await photo({ format: 'png' }), 'image/png');
    expect([again.statusCode, again.json().code]).toEqual([409, 'photo_already_accepted']);
    expect((await injectAs(ctx.app, s!.token, { method: 'DELETE', url: `/api/people/${s!.personId}/photo` })).statusCode).toBe(403);
    expect((await injectAs(ctx.app, await sessionFor(ctx.app, 'clerk21'), { method: 'DELETE', url: `/api/people/${s!.personId}/photo` })).statusCode).toBe(204);
    expect((await upload(s!.token, await photo({ format: 'png' }), 'image/png')).statusCode).toBe(200);
    const rows = await ctx.app.pg.sql`select status::text, content_type from person_photos where person_id = ${s!.personId} order by id`;
    expect(rows.map((r) => [r.status, r.content_type])).toEqual([['rejected', 'image/jpeg'], ['accepted', 'image/png']]);
    const audits = await ctx.app.pg.sql`select action from audit_log where object_type = 'person' and object_id = ${String(s!.personId)} order by id`;
    expect(audits.map((a) => a.action)).toEqual(['photo.accepted', 'photo.reset', 'photo.accepted']);
  });

  it('refuses the wrong size', async () => {
    expect(await refusal(await photo({ width: 300, height: 400 }))).toEqual({ status: 422, code: 'photo_rejected', reason: 'wrong_size', stored: 0 });
  });

  it('refuses a background that is not light blue (white, and a saturated dark blue)', async () => {
    expect(await refusal(await photo({ background: { r: 255, g: 255, b: 255 } }))).toMatchObject({ code: 'photo_rejected', reason: 'wrong_background', stored: 0 });
    expect(await refusal(await photo({ background: { r: 10, g: 40, b: 200 } }))).toMatchObject({ reason: 'wrong_background', stored: 0 });
  });

  it('refuses a GIF renamed and declared as a JPEG, by its content', async () => {
    expect(await refusal(await photo({ format: 'gif' }), 'image/jpeg')).toEqual({ status: 422, code: 'photo_rejected', reason: 'wrong_format', stored: 0 });
  });

  it('refuses a 20 MB file before reading it', async () => {
    expect(await refusal(Buffer.alloc(20 * 1024 * 1024, 0xff))).toEqual({ status: 413, code: 'photo_rejected', reason: 'too_large', stored: 0 });
  });

  it('refuses a truncated file', async () => {
    const whole = await photo();
    expect(await refusal(whole.subarray(0, Math.floor(whole.length / 2)))).toEqual({ status: 422, code: 'photo_rejected', reason: 'truncated', stored: 0 });
  });

  it('refuses something that is not an image at all', async () => {
    expect(await refusal(Buffer.from('not a photo, just text'), 'image/png')).toMatchObject({ reason: 'not_an_image', stored: 0 });
  });
});
