import { Type, type Static } from 'typebox';
import { Nullable, Pagination, SerialId, ShortText } from '../common/schemas.ts';

const FamilyRef = Type.Object({
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  ticketPrefix: Type.String(),
});

export const WindowSummary = Type.Object(
  {
    id: Type.Integer(),
    number: Type.Integer(),
    nameZh: Type.String(),
    nameEn: Type.String(),
    family: FamilyRef,
    department: Type.Object({ nameZh: Type.String(), nameEn: Type.String() }),
    phone: Nullable(Type.String()),
    location: Nullable(Type.String()),
    hours: Type.Array(
      Type.Object({
        weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday' }),
        opens: Type.String({ description: 'HH:MM, hall time' }),
        closes: Type.String({ description: 'HH:MM, hall time' }),
      }),
    ),
    hoursNoteZh: Nullable(Type.String()),
    hoursNoteEn: Nullable(Type.String()),
    open: Type.Boolean({ description: 'Open now: within its hours (and no closure), or a clerk has a session open' }),
    session: Nullable(Type.Union([Type.Literal('open'), Type.Literal('paused')], { description: 'A clerk’s live session: at work or on a break' })),
    closesAt: Nullable(Type.String({ format: 'date-time' })),
    nextOpensAt: Nullable(Type.String({ format: 'date-time', description: 'Next opening in the hall time zone' })),
    status: Type.Union([Type.Literal('active'), Type.Literal('suspended'), Type.Literal('retired')]),
  },
  { $id: 'WindowSummary' },
);
export type WindowSummary = Static<typeof WindowSummary>;

export const WindowList = Type.Object({
  timeZone: Type.String(),
  now: Type.String({ format: 'date-time' }),
  windows: Type.Array(Type.Ref('WindowSummary')),
});

export const FamilyList = Type.Object({
  families: Type.Array(
    Type.Object({
      code: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      ticketPrefix: Type.String(),
      windows: Type.Array(Type.Integer()),
      serviceCount: Type.Integer(),
    }),
  ),
});

export const ServiceQuery = Type.Object(
  {
    q: Type.Optional(ShortText(100)),
    family: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$', maxLength: 40 })),
    window: Type.Optional(Type.Integer({ minimum: 1, maximum: 999 })),
    ...Pagination,
  },
  { additionalProperties: false },
);
export type ServiceQuery = Static<typeof ServiceQuery>;

/** What names a service, first in both its summary and its page. */
const serviceIdentity = {
  id: Type.Integer(),
  code: Type.String(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  descriptionZh: Type.String(),
  descriptionEn: Type.String(),
};

export const ServiceSummary = Type.Object(
  {
    ...serviceIdentity,
    family: Type.String(),
    windows: Type.Array(Type.Integer()),
    feeFen: Type.Integer({ description: 'Fee charged by the hall, integer fen (1 yuan = 100 fen)' }),
    appointmentEnabled: Type.Boolean(),
    onlineAvailable: Type.Boolean(),
    keywords: Type.Array(Type.String()),
  },
  { $id: 'ServiceSummary' },
);
export type ServiceSummary = Static<typeof ServiceSummary>;

export const ServiceList = Type.Object({
  total: Type.Integer(),
  items: Type.Array(Type.Ref('ServiceSummary')),
});

const Material = Type.Object({
  id: Type.Integer(),
  nameZh: Type.String(),
  nameEn: Type.String(),
  kind: Type.Union([Type.Literal('original'), Type.Literal('copy'), Type.Literal('form'), Type.Literal('other')]),
  formUrl: Nullable(Type.String()),
  required: Type.Boolean(),
  noteZh: Nullable(Type.String()),
  noteEn: Nullable(Type.String()),
});
export type Material = Static<typeof Material>;

const ApplicantTypeSchema = Type.Union([Type.Literal('student'), Type.Literal('staff'), Type.Literal('anyone')]);

export const ServiceDetail = Type.Object({
  ...serviceIdentity,
  keywords: Type.Array(Type.String()),
  family: FamilyRef,
  feeFen: Type.Integer(),
  feeNoteZh: Nullable(Type.String()),
  feeNoteEn: Nullable(Type.String()),
  department: Nullable(
    Type.Object({
      nameZh: Type.String(),
      nameEn: Type.String(),
      phones: Type.Array(Type.String()),
      address: Nullable(Type.String()),
      website: Nullable(Type.String()),
    }),
  ),
  onlineAlternative: Nullable(
    Type.Object({ textZh: Type.String(), textEn: Nullable(Type.String()), url: Nullable(Type.String()) }),
  ),
  links: Type.Array(Type.Object({ labelZh: Type.String(), labelEn: Type.String(), url: Type.String() })),
  appointmentEnabled: Type.Boolean(),
  handlingMinutes: Type.Integer(),
  editorialNoteZh: Nullable(Type.String()),
  materials: Type.Object(
    { student: Type.Array(Material), staff: Type.Array(Material), anyone: Type.Array(Material) },
    { description: 'Required materials grouped by applicant type; "anyone" applies to everybody' },
  ),
  steps: Type.Array(
    Type.Object({
      id: Type.Integer(),
      position: Type.Integer(),
      textZh: Type.String(),
      textEn: Type.String(),
      applicantType: ApplicantTypeSchema,
      flowZh: Nullable(Type.String()),
      flowEn: Nullable(Type.String()),
    }),
  ),
  windows: Type.Array(Type.Ref('WindowSummary')),
});
export type ServiceDetail = Static<typeof ServiceDetail>;

export const ServiceParams = Type.Object({ id: SerialId }, { additionalProperties: false });

export const MachineList = Type.Object({
  machines: Type.Array(
    Type.Object({
      code: Type.String(),
      nameZh: Type.String(),
      nameEn: Type.String(),
      locationZh: Nullable(Type.String()),
      locationEn: Nullable(Type.String()),
      instructionsZh: Type.Array(Type.String()),
      instructionsEn: Type.Array(Type.String()),
      functions: Type.Array(
        Type.Object({
          groupZh: Type.String(),
          groupEn: Type.String(),
          itemsZh: Type.Array(Type.String()),
          itemsEn: Type.Array(Type.String()),
        }),
      ),
    }),
  ),
});

/** Schemas referenced by $ref from several routes; registered once on the root instance. */
export const sharedSchemas = [WindowSummary, ServiceSummary];
