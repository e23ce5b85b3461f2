import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { accountOf, allow } from '../common/access.ts';
import { auditSourceOf } from '../common/audit.ts';
import { AppError, notFound, problemResponses } from '../common/problem.ts';
import { IdParams } from '../common/schemas.ts';
import { PHOTO_MAX_BYTES } from './photo-check.ts';
import { acceptedPhoto, resetPhoto, uploadPhoto } from './photos.ts';
import { Photo } from './schemas.ts';

const tooLarge = () => new AppError(413, 'photo_rejected', 'The photo does not meet the rules', `At most ${PHOTO_MAX_BYTES} bytes`, 'too_large');

/**
 * The ID photo for the card (004): the raw file as the request body, whatever its declared type —
 * the check reads the content. Encapsulated: the any-type body parser serves these routes only.
 */
const photoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));

  app.put(
    '/api/me/photo',
    {
      config: { access: allow.signedIn },
      bodyLimit: PHOTO_MAX_BYTES,
      // A declared size over the limit is refused before a byte of it is read.
      onRequest: async (request) => {
        if (Number(request.headers['content-length'] ?? 0) > PHOTO_MAX_BYTES) throw tooLarge();
      },
      schema: {
        tags: ['cards'],
        summary: 'Upload my ID photo: 272×354 px, JPEG or PNG, light-blue background; one accepted per person (photo_rejected with a reason otherwise)',
        response: { 200: Photo, 403: { $ref: 'Problem' }, 409: { $ref: 'Problem' }, 413: { $ref: 'Problem' }, 422: { $ref: 'Problem' }, ...problemResponses },
      },
    },
    async (request) => {
      const personId = accountOf(request.actor)!.personId;
      if (personId === null) throw new AppError(403, 'no_person_record', 'This account has no student or staff record');
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new AppError(422, 'photo_rejected', 'The photo does not meet the rules', 'Send the image file as the request body', 'empty');
      return uploadPhoto(app.db, auditSourceOf(request), personId, body);
    },
  );

  app.get(
    '/api/me/photo',
    {
      config: { access: allow.signedIn },
      schema: { tags: ['cards'], summary: 'My accepted ID photo (the image)', response: { 200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }), ...problemResponses } },
    },
    async (request, reply) => {
      const personId = accountOf(request.actor)!.personId;
      const photo = personId === null ? null : await acceptedPhoto(app.db, personId);
      if (!photo) throw notFound('photo');
      return reply.header('cache-control', 'private, no-store').type(photo.content_type).send(photo.bytes);
    },
  );

  app.delete(
    '/api/people/:id/photo',
    {
      config: { access: allow.roles('card_clerk', 'admin') },
      schema: { tags: ['cards'], summary: 'A card clerk resets a person’s accepted photo so a new one can be uploaded', params: IdParams, response: { 204: Type.Null(), 403: { $ref: 'Problem' }, ...problemResponses } },
    },
    async (request, reply) => {
      await resetPhoto(app.db, auditSourceOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};

export default photoRoutes;
