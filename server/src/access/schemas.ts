import { Type, type Static } from 'typebox';
import { Nullable, SerialId } from '../common/schemas.ts';

/** A union of literals keeping each value's type (a plain `map` would lose them). */
const Literals = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>(Type.Union(values.map((value) => Type.Literal(value))));

/** How far one controller has caught up with a grant or a revocation. */
export const CONTROLLER_STATES = ['pending', 'sent', 'acknowledged', 'failed'] as const;
export type ControllerState = (typeof CONTROLLER_STATES)[number];

/** The reasons a lock clerk may give for a grant by hand (the writer knows more: bulk import, the card lifecycle). */
export const CLERK_GRANT_REASONS = ['building_access', 'card_replaced', 'dorm_change', 'clerk'] as const;

export const BuildingRef = Type.Object({ id: Type.Integer(), code: Type.String(), nameZh: Type.String(), nameEn: Type.String() });

export const ControllerProgress = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  /** What the controller is being told: to let the card in, or to stop letting it in. */
  command: Literals(['grant', 'revoke']),
  state: Literals(CONTROLLER_STATES),
  /** The controller's last error (failed, or a retry under way); hidden from the holder. */
  error: Nullable(Type.String()),
  attempts: Type.Integer(),
  requestedAt: Type.String({ format: 'date-time' }),
  appliedAt: Nullable(Type.String({ format: 'date-time' })),
});

export const Grant = Type.Object({
  id: Type.Integer(),
  card: Type.Object({ id: Type.Integer(), cardNo: Type.String(), status: Type.String() }),
  door: Type.Object({ id: Type.Integer(), code: Type.String(), nameZh: Type.String(), kind: Literals(['entrance', 'room', 'gate']) }),
  building: BuildingRef,
  room: Nullable(Type.Object({ id: Type.Integer(), number: Type.String() })),
  status: Literals(['pending', 'granted', 'revoke_pending', 'revoked', 'failed']),
  reason: Type.String(),
  revokeReason: Nullable(Type.String()),
  validFrom: Type.String({ format: 'date-time' }),
  validTo: Nullable(Type.String({ format: 'date-time' })),
  /** One entry per controller driving the door. */
  controllers: Type.Array(ControllerProgress),
});
export type Grant = Static<typeof Grant>;

export const Dorm = Type.Object({
  assignmentId: Type.Integer(),
  building: BuildingRef,
  room: Type.Object({ id: Type.Integer(), number: Type.String(), floor: Type.Integer() }),
  startsOn: Type.String({ format: 'date' }),
});

export const PersonGrants = Type.Object({
  person: Type.Object({ id: Type.Integer(), number: Type.String(), name: Type.String(), kind: Type.String() }),
  /** The card that opens doors (status active), if any. */
  card: Nullable(Type.Object({ id: Type.Integer(), cardNo: Type.String(), validUntil: Nullable(Type.String({ format: 'date' })) })),
  dorm: Nullable(Dorm),
  items: Type.Array(Grant),
});
export type PersonGrants = Static<typeof PersonGrants>;

export const GrantBody = Type.Object(
  {
    personId: Type.Optional(SerialId),
    cardId: Type.Optional(SerialId),
    doorIds: Type.Array(SerialId, { minItems: 1, maxItems: 50, uniqueItems: true }),
    validFrom: Type.Optional(Type.String({ format: 'date-time' })),
    validTo: Type.Optional(Nullable(Type.String({ format: 'date-time' }))),
    reason: Literals(CLERK_GRANT_REASONS),
  },
  { additionalProperties: false },
);

export const DormBody = Type.Object(
  {
    roomId: SerialId,
    startsOn: Type.String({ format: 'date' }),
    /** Last day of the new room's doors (inclusive); open-ended when absent. */
    validTo: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  },
  { additionalProperties: false },
);

export const DoorView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  nameZh: Type.String(),
  kind: Literals(['entrance', 'room', 'gate']),
  building: BuildingRef,
  room: Nullable(Type.Object({ id: Type.Integer(), number: Type.String(), floor: Type.Integer() })),
  controller: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
});

export const RoomView = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  floor: Type.Integer(),
  beds: Type.Integer(),
  occupants: Type.Integer(),
  building: BuildingRef,
});

export const PersonHit = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  className: Nullable(Type.String()),
});

/** Columns of the import file, by their canonical key. */
export const IMPORT_COLUMNS = ['studentNumber', 'building', 'room', 'validFrom', 'validTo'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

export const IMPORT_ERROR_CODES = [
  'missing_column',
  'missing_value',
  'bad_date',
  'dates_reversed',
  'already_ended',
  'duplicate_row',
  'unknown_student',
  'no_usable_card',
  'unknown_building',
  'unknown_room',
  'room_full',
  'malformed_csv',
  'too_many_rows',
  'empty_file',
] as const;
export type ImportErrorCode = (typeof IMPORT_ERROR_CODES)[number];

export const ImportError = Type.Object({
  /** The line in the file (the header is line 1). */
  row: Type.Integer(),
  column: Nullable(Literals(IMPORT_COLUMNS)),
  code: Literals(IMPORT_ERROR_CODES),
  reasonZh: Type.String(),
});
export type ImportError = Static<typeof ImportError>;

export const ImportPreviewRow = Type.Object({
  row: Type.Integer(),
  studentNumber: Type.String(),
  name: Type.String(),
  buildingCode: Type.String(),
  roomNumber: Type.String(),
  validFrom: Type.String({ format: 'date' }),
  validTo: Type.String({ format: 'date' }),
  /** new: no room before; move: another room before; same: already there. */
  action: Literals(['new', 'move', 'same']),
});

export const ImportBody = Type.Object(
  {
    /** The CSV text (UTF-8; a BOM is fine): 学号,楼栋,房间号,生效日期,失效日期 — or the English keys. */
    csv: Type.String({ minLength: 0, maxLength: 2_000_000 }),
    dryRun: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const ImportSummary = Type.Object({
  rows: Type.Integer(),
  moved: Type.Integer({ description: 'Dorm assignments started (new or moved)' }),
  granted: Type.Integer({ description: '(card, door) grants written' }),
  revoked: Type.Integer({ description: 'Doors of rooms left behind, revoked' }),
  unchanged: Type.Integer({ description: 'Rows already in effect' }),
});

export const ImportReport = Type.Object({
  dryRun: Type.Boolean(),
  applied: Type.Boolean(),
  summary: ImportSummary,
  errors: Type.Array(ImportError),
  /** The errors as a CSV (行号,列,原因) to download; null when there are none. */
  errorReportCsv: Nullable(Type.String()),
  /** The first rows as they would apply. */
  preview: Type.Array(ImportPreviewRow),
});
export type ImportReport = Static<typeof ImportReport>;

/** A refused import: a problem document carrying the row-by-row report. */
export const ImportRefused = Type.Object({
  type: Type.String(),
  title: Type.String(),
  status: Type.Integer(),
  code: Type.String(),
  detail: Type.Optional(Type.String()),
  report: ImportReport,
});
