/**
 * Shapes of the hand-transcribed service catalogue (db/seed-source/003_*.txt).
 * The data file is plain typed data; `seed-catalogue.ts` turns it into rows.
 */

export type ApplicantType = 'student' | 'staff' | 'anyone';
export type MaterialKind = 'original' | 'copy' | 'form' | 'other';
export type FamilyCode =
  | 'student_affairs'
  | 'legal'
  | 'household'
  | 'international'
  | 'academic'
  | 'finance'
  | 'card_center'
  | 'door_lock';

/** 1 = Monday … 7 = Sunday (ISO weekday, as luxon uses). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface FamilySeed {
  code: FamilyCode;
  nameZh: string;
  nameEn: string;
  /** One capital letter; ticket numbers are prefix + daily sequence (A001). */
  ticketPrefix: string;
  sort: number;
}

export interface DepartmentSeed {
  /** Stable slug, e.g. 'student-affairs', 'student-affairs/youth-league'. */
  code: string;
  nameZh: string;
  nameEn: string;
  parentCode?: string;
  /** Phone numbers exactly as written in the seed, e.g. '010-64435703（东校区）'. */
  phones?: string[];
  address?: string;
  website?: string;
}

export interface HoursRule {
  weekdays: Weekday[];
  /** 'HH:MM', hall local time. */
  opens: string;
  closes: string;
}

export interface WindowSeed {
  number: number;
  nameZh: string;
  nameEn: string;
  family: FamilyCode;
  departmentCode: string;
  phone?: string;
  location?: string;
  /** The window's 服务关键词. */
  keywords: string[];
  /** Weekly rules. Empty when the seed gives no fixed hours (see hoursNote). */
  hours: HoursRule[];
  hoursNoteZh?: string;
  hoursNoteEn?: string;
}

export interface MaterialSeed {
  nameZh: string;
  nameEn: string;
  kind: MaterialKind;
  formUrl?: string;
  /** Defaults to true. */
  required?: boolean;
  /** Defaults to 'anyone'. */
  applicantType?: ApplicantType;
  noteZh?: string;
  noteEn?: string;
}

export interface StepSeed {
  textZh: string;
  textEn: string;
  /** Defaults to 'anyone'. */
  applicantType?: ApplicantType;
  /** Name of the flow when a service has several (e.g. 毕业生还款——国家开发银行). */
  flowZh?: string;
  flowEn?: string;
}

export interface LinkSeed {
  labelZh: string;
  labelEn: string;
  url: string;
}

export interface ServiceSeed {
  /** Stable slug, unique: 'w08-household-card-loan'. Never change once shipped. */
  code: string;
  /** Window numbers that serve it (14/15 and 20/22/23 share services). */
  windows: number[];
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  /** Search keywords (Chinese), including the window's 服务关键词 where they apply. */
  keywords: string[];
  /** 受理部门. Defaults to the first window's department. */
  departmentCode?: string;
  /** Fee charged for this service in integer fen (20 元 = 2000). 0 when free. */
  feeFen: number;
  /** What the fee is for, or fees charged elsewhere (e.g. at the police station). */
  feeNoteZh?: string;
  feeNoteEn?: string;
  /** Online alternative (线上流程/在线预约/线上咨询), with its link when the seed gives one. */
  onlineAlternative?: { textZh: string; textEn: string; url?: string };
  /** Other related links (其他相关信息). */
  links?: LinkSeed[];
  /** Whether students may book an appointment for it. */
  appointmentEnabled: boolean;
  /** Default handling time before history exists. */
  handlingMinutes: number;
  materials: MaterialSeed[];
  steps: StepSeed[];
  /** Seed marks such as （待完善） or （弱化，待详细询问）: kept so admins see what is unfinished. */
  editorialNoteZh?: string;
}

export interface SelfServiceMachineSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  locationZh?: string;
  locationEn?: string;
  instructionsZh: string[];
  instructionsEn: string[];
  /** Groups of functions, e.g. { groupZh: '自助服务', items: [...] }. */
  functions: { groupZh: string; groupEn: string; itemsZh: string[]; itemsEn: string[] }[];
}

export interface CardTypeSeed {
  code: 'staff' | 'student' | 'graduate' | 'general' | 'consumption' | 'alumni' | 'canteen';
  nameZh: string;
  nameEn: string;
  /** Printed photo and identity: usable as an ID. */
  identity: boolean;
  /** Real-name card (all but the anonymous canteen card). */
  realName: boolean;
  /** Who may hold it, as the rules list them. */
  holdersZh: string[];
  approvingDepartmentZh: string;
  requiredDocumentsZh: string[];
  /** Library and dorm door access granted in bulk at issue (学生证, 研究生证). */
  bulkDoorAccess: boolean;
  /** Fee for a card (工本费), integer fen. */
  feeFen: number;
  /** First card paid from the university budget. */
  firstCardFree: boolean;
  /** Account closed this many days after the holder leaves (null when not stated). */
  closeAfterLeavingDays: number | null;
  validityRuleZh: string;
}

export interface Catalogue {
  families: FamilySeed[];
  departments: DepartmentSeed[];
  windows: WindowSeed[];
  services: ServiceSeed[];
  selfServiceMachines: SelfServiceMachineSeed[];
  cardTypes: CardTypeSeed[];
}
