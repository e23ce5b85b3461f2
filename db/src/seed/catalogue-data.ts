/**
 * The service catalogue of the 北京化工大学一站式服务大厅, transcribed window by window from
 * db/seed-source/003_c4dab8342d027f2d.txt, and the campus-card types from
 * db/seed-source/002_e31010eca133374f.txt. Plain typed data; `seed-catalogue.ts` turns it into rows.
 */
import type {
  CardTypeSeed,
  Catalogue,
  DepartmentSeed,
  FamilySeed,
  HoursRule,
  SelfServiceMachineSeed,
  ServiceSeed,
  WindowSeed,
} from './catalogue-types.ts';

// ---------------------------------------------------------------------------
// Families
// ---------------------------------------------------------------------------

const families: FamilySeed[] = [
  { code: 'student_affairs', nameZh: '学生事务', nameEn: 'Student Affairs', ticketPrefix: 'A', sort: 1 },
  { code: 'legal', nameZh: '法律咨询', nameEn: 'Legal Consultation', ticketPrefix: 'L', sort: 2 },
  { code: 'household', nameZh: '户籍管理', nameEn: 'Household Registration', ticketPrefix: 'H', sort: 3 },
  { code: 'international', nameZh: '国际事务', nameEn: 'International Affairs', ticketPrefix: 'I', sort: 4 },
  { code: 'academic', nameZh: '教务', nameEn: 'Academic Affairs', ticketPrefix: 'J', sort: 5 },
  { code: 'finance', nameZh: '财务', nameEn: 'Finance', ticketPrefix: 'F', sort: 6 },
  { code: 'card_center', nameZh: '校园卡与信息服务', nameEn: 'Campus Card & IT Services', ticketPrefix: 'C', sort: 7 },
  {
    code: 'door_lock',
    nameZh: '公寓电子门锁授权',
    nameEn: 'Dormitory Door-Lock Authorization',
    ticketPrefix: 'D',
    sort: 8,
  },
];

// ---------------------------------------------------------------------------
// Departments
// ---------------------------------------------------------------------------

const departments: DepartmentSeed[] = [
  {
    code: 'student-affairs',
    nameZh: '学生工作办公室（学工办）',
    nameEn: 'Student Affairs Office',
  },
  {
    code: 'student-affairs/academic-development',
    nameZh: '学业发展辅导中心',
    nameEn: 'Academic Development Counseling Center',
    parentCode: 'student-affairs',
  },
  {
    code: 'student-affairs/armed-forces',
    nameZh: '学工办武装部',
    nameEn: 'Armed Forces Department',
    parentCode: 'student-affairs',
    phones: ['010-64435703（东校区）', '010-80191085（昌平校区）'],
    address: '行政楼429室（东校区）、后勤服务楼F座402室（昌平校区）',
    website: 'https://wzb.buct.edu.cn/main.htm',
  },
  {
    // The seed names this unit 学生资助办公室, 学生资助中心, 资助办 and 资助管理中心; it equates them
    // itself (学生资助中心（学生资助办公室）, 学生资助办公室（资助管理中心）) and gives all of them the same
    // website and the same phone 010-64435218, so they are one unit here.
    code: 'student-affairs/financial-aid',
    nameZh: '学生资助办公室（学生资助中心）',
    nameEn: 'Student Financial Aid Office (Student Financial Aid Center)',
    parentCode: 'student-affairs',
    phones: ['010-64435218（东区）', '010-80191078（昌平校区）'],
    address: '行政楼429（东区）、后勤服务楼F座415室（昌平校区）',
    website: 'https://zizhu.buct.edu.cn/',
  },
  {
    code: 'student-affairs/youth-league',
    nameZh: '团委',
    nameEn: 'Communist Youth League Committee',
    parentCode: 'student-affairs',
  },
  { code: 'law-school', nameZh: '文法学院', nameEn: 'School of Humanities and Law' },
  { code: 'security', nameZh: '保卫处', nameEn: 'Security Department' },
  { code: 'international', nameZh: '国际处', nameEn: 'International Office' },
  { code: 'academic-affairs', nameZh: '教务处', nameEn: 'Office of Academic Affairs' },
  { code: 'finance', nameZh: '财务处', nameEn: 'Finance Department' },
  {
    code: 'information-center',
    nameZh: '信息中心（信息化办公室）',
    nameEn: 'Information Center (Office of Informatization)',
    phones: ['80191167', '80105686'],
  },
];

// ---------------------------------------------------------------------------
// Windows
// ---------------------------------------------------------------------------

/** 学工办, 保卫处, 教务处, 信息中心: 周一至周四9:00-17:00, 周五9:00-12:00. */
const officeHours: HoursRule[] = [
  { weekdays: [1, 2, 3, 4], opens: '09:00', closes: '17:00' },
  { weekdays: [5], opens: '09:00', closes: '12:00' },
];

const infoCenterPhone = '80191167、80105686';

const windows: WindowSeed[] = [
  {
    number: 1,
    nameZh: '学生发展服务岗',
    nameEn: 'Student Development Services',
    family: 'student_affairs',
    departmentCode: 'student-affairs',
    phone: '80191130',
    keywords: ['学业发展'],
    hours: officeHours,
  },
  {
    number: 2,
    nameZh: '国防教育咨询岗',
    nameEn: 'National Defense Education Enquiries',
    family: 'student_affairs',
    departmentCode: 'student-affairs',
    phone: '80191132',
    keywords: ['军训', '征兵', '应征入伍', '当兵'],
    hours: officeHours,
  },
  {
    number: 3,
    nameZh: '助学贷款服务岗',
    nameEn: 'Student Loans and Financial Aid',
    family: 'student_affairs',
    departmentCode: 'student-affairs',
    phone: '80191135',
    keywords: ['资助办', '助学贷款', '助学金', '奖学金'],
    hours: officeHours,
  },
  {
    number: 4,
    nameZh: '综合管理岗',
    nameEn: 'General Administration',
    family: 'student_affairs',
    departmentCode: 'student-affairs',
    phone: '80191137',
    keywords: ['门票', '场地申请', '团员', '志愿活动'],
    hours: officeHours,
  },
  {
    number: 5,
    nameZh: '勤工助学服务岗',
    nameEn: 'Work-Study Services',
    family: 'student_affairs',
    departmentCode: 'student-affairs',
    phone: '80191138',
    keywords: ['勤工助学', '三助'],
    hours: officeHours,
  },
  {
    number: 6,
    nameZh: '学生维权服务岗',
    nameEn: 'Student Rights Protection',
    family: 'student_affairs',
    departmentCode: 'student-affairs',
    phone: '80191139',
    keywords: ['维权', '后勤报修'],
    hours: officeHours,
  },
  {
    number: 7,
    nameZh: '法律咨询岗',
    nameEn: 'Legal Consultation',
    family: 'legal',
    departmentCode: 'law-school',
    phone: '80191153',
    keywords: ['法律援助', '法律咨询', '法律服务'],
    hours: [],
    hoursNoteZh: '以“北化法援”公众号推送通知为准',
    hoursNoteEn: 'Opening times are announced on the “北化法援” (BUCT Legal Aid) WeChat official account.',
  },
  {
    number: 8,
    nameZh: '户籍管理岗',
    nameEn: 'Household Registration',
    family: 'household',
    departmentCode: 'security',
    phone: '80191127',
    keywords: ['户籍', '身份证', '车证'],
    hours: officeHours,
  },
  {
    number: 12,
    nameZh: '海外学习服务岗',
    nameEn: 'Overseas Study Services',
    family: 'international',
    departmentCode: 'international',
    phone: '80191128',
    keywords: ['留学', '海外学习', '出国', '出境'],
    hours: [{ weekdays: [4], opens: '14:00', closes: '17:00' }],
  },
  {
    number: 14,
    nameZh: '学生综合教务岗',
    nameEn: 'Student Academic Affairs',
    family: 'academic',
    departmentCode: 'academic-affairs',
    phone: '80191160',
    keywords: ['学生证补办', '成绩复议', '重修', '免修', '自修', '免体', '成绩打印'],
    hours: officeHours,
  },
  {
    number: 15,
    nameZh: '学生综合教务岗',
    nameEn: 'Student Academic Affairs',
    family: 'academic',
    departmentCode: 'academic-affairs',
    phone: '80191160',
    keywords: ['学生证补办', '成绩复议', '重修', '免修', '自修', '免体', '成绩打印'],
    hours: officeHours,
  },
  {
    number: 17,
    nameZh: '财务管理服务岗',
    nameEn: 'Finance Services',
    family: 'finance',
    departmentCode: 'finance',
    phone: '80191152',
    keywords: ['报销', '药费报销'],
    hours: [{ weekdays: [4], opens: '09:00', closes: '17:00' }],
  },
  {
    number: 20,
    nameZh: '信息中心业务咨询岗',
    nameEn: 'Information Center Enquiries',
    family: 'card_center',
    departmentCode: 'information-center',
    phone: infoCenterPhone,
    keywords: ['校园卡', '校园网', '门禁', '企业微信'],
    hours: officeHours,
  },
  {
    number: 21,
    nameZh: '校园卡补卡、领卡登记岗',
    nameEn: 'Campus Card Replacement and Collection Registration',
    family: 'card_center',
    departmentCode: 'information-center',
    phone: infoCenterPhone,
    // The seed gives this window no 服务关键词; these are the words of its name.
    keywords: ['校园卡', '补卡', '领卡'],
    hours: officeHours,
  },
  {
    number: 22,
    nameZh: '信息中心业务咨询岗',
    nameEn: 'Information Center Enquiries',
    family: 'card_center',
    departmentCode: 'information-center',
    phone: infoCenterPhone,
    keywords: ['校园卡', '校园网', '门禁', '企业微信'],
    hours: officeHours,
  },
  {
    number: 23,
    nameZh: '信息中心业务咨询岗',
    nameEn: 'Information Center Enquiries',
    family: 'card_center',
    departmentCode: 'information-center',
    phone: infoCenterPhone,
    keywords: ['校园卡', '校园网', '门禁', '企业微信'],
    hours: officeHours,
  },
  {
    number: 24,
    nameZh: '公寓电子门锁授权服务岗',
    nameEn: 'Dormitory Electronic Door-Lock Authorization',
    family: 'door_lock',
    departmentCode: 'information-center',
    phone: infoCenterPhone,
    // No 服务关键词 in the seed; words of the window name and its services.
    keywords: ['公寓', '电子门锁', '门锁授权', '门禁'],
    hours: officeHours,
  },
  {
    number: 25,
    nameZh: '校园卡设备维护服务岗',
    nameEn: 'Campus Card Equipment Maintenance',
    family: 'card_center',
    departmentCode: 'information-center',
    phone: infoCenterPhone,
    // No 服务关键词 in the seed; words of the window name.
    keywords: ['校园卡设备', '设备维护'],
    hours: officeHours,
  },
];

// ---------------------------------------------------------------------------
// Services
// ---------------------------------------------------------------------------

const policeFeeZh = '办理正式身份证和平街道派出所收取40元（现金），办理临时身份证朝阳分局收取10元（现金）。';
const policeFeeEn =
  'No fee at the hall. The Hepingjie Police Station charges 40 yuan (cash) for a regular ID card; the Chaoyang Branch of the Beijing Public Security Bureau charges 10 yuan (cash) for a temporary ID card.';

const goToWindowZh = '到窗口即可办理。';
const goToWindowEn = 'Come to the window; it is handled on the spot.';

/** Steps ①–⑦ of 校园卡自助补办流程 (window 21; also the 自助补卡机's instructions). */
const selfServiceReplacementZh = [
  '校园卡自助补办地点（北区）：教学楼B北大厅、图书馆一层大厅；',
  '先挂失、后补办；',
  '找到补办地点，按照自助补卡机提示进行补卡、缴费；',
  '资费每张卡20元（微信、校园卡余额均可支付）；',
  '默认初始密码身份证后六位；',
  '授权宿舍门禁；',
  '原卡余额三天后自动到账。',
];
const selfServiceReplacementEn = [
  'Self-service replacement points (north area): the north lobby of Teaching Building B and the ground-floor lobby of the library.',
  'Report the card lost first, then get the replacement.',
  'At a replacement point, follow the prompts of the self-service card replacement machine to replace the card and pay.',
  'The fee is 20 yuan per card (payable by WeChat or from the campus card balance).',
  'The default initial password is the last six digits of your ID card number.',
  'Have the new card authorized on your dormitory door.',
  'The balance of the old card arrives on the new card automatically after three days.',
];

const jw = (path: string): string => `https://jiaowuchu.buct.edu.cn/_upload/article/files/${path}`;
const gradeReviewFormUrl = jw('21/4b/be217cd04e9886edb1b0ba4f49cb/8f8337ae-5c60-44f9-972a-34ea932f2973.pdf');

const services: ServiceSeed[] = [
  // ---- 1号窗口——学生发展服务岗 -------------------------------------------
  {
    code: 'w01-academic-counseling-booking',
    windows: [1],
    nameZh: '学业发展咨询预约服务',
    nameEn: 'Academic development counseling appointments',
    descriptionZh: '为学生提供学业发展咨询的预约服务。其他相关信息：学业咨询专家库。',
    descriptionEn:
      'Book a one-to-one academic development counseling session. Related: the pool of academic counseling experts.',
    keywords: ['学业发展', '学业咨询', '学业辅导', '学业规划', '咨询预约', '咨询师'],
    departmentCode: 'student-affairs/academic-development',
    feeFen: 0,
    onlineAlternative: {
      textZh: '学业发展咨询在线预约服务；电话预服务：拨打010-80191130（工作时间）。',
      textEn:
        'Book online through the academic development counseling booking service, or by phone: call 010-80191130 during office hours.',
      url: 'https://mp.weixin.qq.com/s/6aTGfaJZo-A6UNXBzIhcvA',
    },
    links: [{ labelZh: '学业发展', labelEn: 'Academic development', url: 'https://www.wjx.top/m/72413713.aspx' }],
    appointmentEnabled: true,
    handlingMinutes: 30,
    materials: [
      {
        nameZh: '《北京化工大学学业发展咨询预约登记表》',
        nameEn: 'BUCT Academic Development Counseling Appointment Registration Form',
        kind: 'form',
        noteZh: '现场领取',
        noteEn: 'Available at the window.',
      },
    ],
    steps: [
      {
        textZh: '填写《北京化工大学学业发展咨询预约登记表》；',
        textEn: 'Fill in the BUCT Academic Development Counseling Appointment Registration Form.',
      },
      {
        textZh:
          '岗位建档，领取《北京化工大学学业咨询学生档案》，与相关咨询师取得联系，确认双方咨询时间和地点，提前10分钟到达指定地点；',
        textEn:
          'The window opens a file for you: collect the BUCT Academic Counseling Student Record, contact the assigned counselor to agree on a time and place, and arrive at the venue 10 minutes early.',
      },
      {
        textZh: '咨询过程，咨询师完善《北京化工大学学业咨询学生档案》；',
        textEn: 'During the session, the counselor completes the BUCT Academic Counseling Student Record.',
      },
      {
        textZh: '咨询结束，回到岗位，归还《北京化工大学学业咨询学生档案》，填写《预约情况反馈表》。',
        textEn:
          'After the session, come back to the window, return the BUCT Academic Counseling Student Record and fill in the Appointment Feedback Form.',
      },
    ],
  },
  {
    code: 'w01-career-guidance',
    windows: [1],
    nameZh: '就业创业指导服务',
    nameEn: 'Career and entrepreneurship guidance',
    descriptionZh: '提供就业创业指导服务。',
    descriptionEn: 'Guidance on finding a job and on starting a business.',
    keywords: ['就业', '创业', '就业指导', '创业指导', '求职'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 30,
    materials: [],
    steps: [],
    editorialNoteZh: '（弱化，待详细询问）',
  },
  {
    code: 'w01-study-abroad-consultation',
    windows: [1],
    nameZh: '出国留学咨询服务',
    nameEn: 'Study-abroad consultation',
    descriptionZh: '提供出国留学咨询服务。',
    descriptionEn: 'Advice on going abroad for further study.',
    keywords: ['出国', '留学', '出国留学', '留学咨询'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 30,
    materials: [],
    steps: [],
    editorialNoteZh: '（弱化，待详细询问）',
  },
  {
    code: 'w01-psychological-counseling',
    windows: [1],
    nameZh: '心理咨询辅导服务',
    nameEn: 'Psychological counseling',
    descriptionZh: '提供心理咨询辅导服务。',
    descriptionEn: 'Psychological counseling and support.',
    keywords: ['心理咨询', '心理辅导', '心理健康', '心理'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 30,
    materials: [],
    steps: [],
    editorialNoteZh: '（弱化，待详细询问）',
  },

  // ---- 2号窗口——国防教育咨询岗 -------------------------------------------
  {
    code: 'w02-military-training-enquiry',
    windows: [2],
    nameZh: '新生军训事务咨询',
    nameEn: 'Freshman military training enquiries',
    descriptionZh: '提供新生军训相关事务的咨询。',
    descriptionEn: 'Answers questions about military training for new students.',
    keywords: ['军训', '新生军训'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [
      {
        textZh: '直接到一站式服务大厅2号窗口咨询。',
        textEn: 'Ask at window 2 of the one-stop service hall.',
      },
    ],
    editorialNoteZh: '（待完善）',
  },
  {
    code: 'w02-enlistment-consultation',
    windows: [2],
    nameZh: '征兵入伍咨询',
    nameEn: 'Military enlistment consultation',
    descriptionZh: '为学生提供征兵入伍政策咨询服务，收集征兵相关材料信息。',
    descriptionEn:
      'Advises students on military recruitment and enlistment policy and collects the enlistment documents.',
    keywords: ['征兵', '应征入伍', '当兵', '入伍', '参军', '政治审查'],
    departmentCode: 'student-affairs/armed-forces',
    feeFen: 0,
    links: [{ labelZh: '武装部', labelEn: 'Armed Forces Department', url: 'https://wzb.buct.edu.cn/main.htm' }],
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '《应征公民政治审查表》',
        nameEn: 'Political Review Form for Conscripts',
        kind: 'form',
      },
      {
        nameZh: '《政治考核谈话表》',
        nameEn: 'Political Assessment Interview Form',
        kind: 'form',
      },
      {
        nameZh: '《应征公民走访调查表》',
        nameEn: 'Conscript Home-Visit Survey Form',
        kind: 'form',
      },
    ],
    steps: [
      {
        textZh: '直接到一站式服务大厅2号窗口咨询。',
        textEn: 'Ask at window 2 of the one-stop service hall.',
      },
    ],
  },

  // ---- 3号窗口——助学贷款服务岗 -------------------------------------------
  {
    code: 'w03-scholarship-grant-payment-enquiry',
    windows: [3],
    nameZh: '各类奖、助学金发放情况查询',
    nameEn: 'Scholarship and grant payment enquiries',
    descriptionZh: '查询各类奖学金和助学金发放情况，核实奖学金、助学金发放明细。',
    descriptionEn: 'Check the payment status of scholarships and grants and verify the payment details.',
    keywords: ['奖学金', '助学金', '资助办', '发放查询', '资助查询', '北化资助'],
    feeFen: 0,
    onlineAlternative: {
      textZh:
        '线上查询方法：关注“北化资助”微信公众号；点击功能栏里“资助查询”，首次查询需要进行“学号绑定”；绑定信息：学号（学生自己的学号），姓名（对应学号的姓名），身份证号（对应姓名身份证号）；选择查询的月份即可查询相关信息。',
      textEn:
        'Check online: follow the “北化资助” (BUCT Financial Aid) WeChat official account and tap “资助查询” (Aid enquiry) in the menu. The first time, bind your student number by entering your student number, your name and your ID card number; then pick a month to see its payments.',
    },
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [
      {
        textZh: '到一站式服务大厅3号窗口咨询。',
        textEn: 'Ask at window 3 of the one-stop service hall.',
      },
    ],
  },
  {
    code: 'w03-campus-national-loan',
    windows: [3],
    nameZh: '校园地国家助学贷款（校园地）工作咨询与受理',
    nameEn: 'Campus-based national student loans: advice and applications',
    descriptionZh:
      '为学生办理校园地国家贷款，为家庭经济困难的学生提供助学贷款服务，解决学生实际的经济困难问题。',
    descriptionEn:
      'Arranges campus-based national student loans, offering loans to students from families in financial difficulty to help them meet their actual financial needs.',
    keywords: ['助学贷款', '国家助学贷款', '校园地贷款', '贷款', '资助办', '家庭经济困难'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    links: [
      {
        labelZh: '学生资助网（校园网访问）',
        labelEn: 'Student financial aid website (campus network only)',
        url: 'https://zizhu.buct.edu.cn/',
      },
    ],
    appointmentEnabled: true,
    handlingMinutes: 20,
    materials: [
      {
        nameZh: '《北京化工大学学生家庭经济情况调查表》',
        nameEn: 'BUCT Student Family Financial Situation Survey Form',
        kind: 'form',
      },
      {
        nameZh: '《国家助学贷款父母确认书》',
        nameEn: 'Parental Confirmation for the National Student Loan',
        kind: 'form',
      },
      {
        nameZh: '父母及本人身份证复印件',
        nameEn: 'Copies of your own and your parents’ ID cards',
        kind: 'copy',
      },
    ],
    steps: [
      {
        textZh: '学生将相关材料填写完整，备齐其他相关材料；',
        textEn: 'Fill in the forms completely and gather the other required documents.',
      },
      {
        textZh: '提交至窗口或学生资助办公室，由学生资助办公室审核；',
        textEn: 'Hand them in at the window or at the Student Financial Aid Office, which reviews them.',
      },
      {
        textZh: '审核完成盖章后，提交至中国银行。',
        textEn: 'Once approved and stamped, the application is submitted to the Bank of China.',
      },
    ],
  },
  {
    code: 'w03-campus-loan-repayment',
    windows: [3],
    nameZh: '校园地国家助学贷款还款服务',
    nameEn: 'Campus-based national student loan repayment',
    descriptionZh:
      '针对校园地国家助学贷款毕业生，为本科毕业生、硕士毕业生提供校园地国家助学贷款的还款服务。注：及时还贷，避免违约情况，违约记录将被计入到个人征信中。有任何问题可以联系学生资助管理中心：010-64435218。',
    descriptionEn:
      'Repayment of campus-based national student loans for bachelor’s and master’s graduates who took one. Note: repay on time to avoid default; a default is entered in your personal credit record. For any questions, contact the Student Financial Aid Management Center: 010-64435218.',
    keywords: ['还款', '助学贷款还款', '贷款', '国家助学贷款', '中国银行', '贴息', '毕业生还款'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    onlineAlternative: {
      textZh: '在线办理：关注“北化资助”公众号获取通知，通过“中国银行”APP查询还款计划并还款。',
      textEn:
        'Handled online: follow the “北化资助” (BUCT Financial Aid) WeChat account for notices, and check your repayment schedule and repay in the Bank of China app.',
    },
    appointmentEnabled: false,
    handlingMinutes: 15,
    materials: [],
    steps: [
      {
        textZh: '关注“北化资助”公众号，注意相关通知。',
        textEn: 'Follow the “北化资助” (BUCT Financial Aid) WeChat official account and watch for notices.',
      },
      {
        textZh: '下载“中国银行”APP（应用商店搜索下载）。',
        textEn: 'Install the Bank of China app (search for it in your app store).',
      },
      {
        textZh: '登录“中国银行”APP，点击首页的“贷款”入口（若没有，则在“更多”中查看）。',
        textEn: 'Log in to the Bank of China app and tap “Loans” on the home page (if it is not there, look under “More”).',
        flowZh: '判断当年是否需要还款',
        flowEn: 'Check whether repayment is due this year',
      },
      {
        textZh: '在“贷款”界面，显示的为自己贷款总额，点击贷款金额。',
        textEn: 'The “Loans” screen shows your total loan; tap the loan amount.',
        flowZh: '判断当年是否需要还款',
        flowEn: 'Check whether repayment is due this year',
      },
      {
        textZh: '其中会显示放款次数，点击第一项则可以看到自己的“贴息截止日期”。',
        textEn: 'It lists each disbursement; tap the first one to see your “interest subsidy end date”.',
        flowZh: '判断当年是否需要还款',
        flowEn: 'Check whether repayment is due this year',
      },
      {
        textZh: '若贴息日为当年的7月1日，则说明今年需要还款。',
        textEn: 'If the subsidy end date is 1 July of the current year, repayment is due this year.',
        flowZh: '判断当年是否需要还款',
        flowEn: 'Check whether repayment is due this year',
      },
      {
        textZh: '点击“还款记录”则可以看到本人的还款计划。',
        textEn: 'Tap “Repayment records” to see your repayment schedule.',
        flowZh: '判断当年是否需要还款',
        flowEn: 'Check whether repayment is due this year',
      },
      {
        textZh: '正常还款：按照协议正常还款。',
        textEn: 'Regular repayment: repay as set out in the loan agreement.',
        flowZh: '还款方式',
        flowEn: 'Ways to repay',
      },
      {
        textZh: '一次结清：在截止日期当天全部还清贷款，不计算利息。',
        textEn: 'Full settlement: repay the whole loan on the end date; no interest is charged.',
        flowZh: '还款方式',
        flowEn: 'Ways to repay',
      },
      {
        textZh: '部分结清：在截止日期当天部分还清贷款，则结清部分不计算利息，未结清部分计算利息。',
        textEn:
          'Partial settlement: repay part of the loan on the end date; the repaid part bears no interest, the remainder does.',
        flowZh: '还款方式',
        flowEn: 'Ways to repay',
      },
      {
        textZh:
          '办理继续贴息：符合在还款期内继续攻读学位条件可办理。同时需要提出继续贴息申请，提供身份证明、录取通知书等相关证明材料。',
        textEn:
          'Continued interest subsidy: available if you go on to study for a further degree during the repayment period. Apply for the continued subsidy and provide proof of identity, your admission letter and other supporting documents.',
        flowZh: '还款方式',
        flowEn: 'Ways to repay',
      },
    ],
  },
  {
    code: 'w03-home-area-loan-repayment-renewal',
    windows: [3],
    nameZh: '生源地信用助学贷款毕业生还款、在校生签约手续',
    nameEn: 'Home-area student loans: graduate repayment and renewal for current students',
    descriptionZh:
      '由资助办发通知，毕业生自行在网上办理，关注“北化资助”公众号，及时了解相关资讯。国家开发银行热线电话：95593。',
    descriptionEn:
      'The Financial Aid Office sends out notices and graduates complete the procedures online themselves; follow the “北化资助” (BUCT Financial Aid) WeChat account to stay informed. China Development Bank hotline: 95593.',
    keywords: ['生源地贷款', '生源地信用助学贷款', '助学贷款', '还款', '续贷', '国家开发银行', '贷款'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    onlineAlternative: {
      textZh: '在线办理：毕业生自行在网上办理，关注“北化资助”公众号，及时了解相关资讯。',
      textEn:
        'Handled online: graduates complete the procedures online themselves; follow the “北化资助” (BUCT Financial Aid) WeChat account for notices.',
      url: 'http://www.csls.cdb.com.cn/',
    },
    links: [
      {
        labelZh: '生源地助学贷款学生在线服务系统',
        labelEn: 'Home-area student loan online service system for students',
        url: 'http://www.csls.cdb.com.cn/',
      },
    ],
    appointmentEnabled: false,
    handlingMinutes: 15,
    materials: [],
    steps: [
      {
        textZh: '核对贷款信息、补充完整个人信息；',
        textEn: 'Check your loan details and complete your personal information.',
        flowZh: '毕业生还款——国家开发银行',
        flowEn: 'Graduate repayment — China Development Bank',
      },
      {
        textZh: '毕业确认，登录国家开发银行生源地助学贷款管理系统办理毕业确认手续；',
        textEn:
          'Graduation confirmation: log in to the China Development Bank home-area student loan management system and complete the graduation confirmation.',
        flowZh: '毕业生还款——国家开发银行',
        flowEn: 'Graduate repayment — China Development Bank',
      },
      {
        textZh: '审核，由学生资助办公室（资助管理中心）进行审核。',
        textEn: 'Review: the Student Financial Aid Office (Aid Management Center) reviews it.',
        flowZh: '毕业生还款——国家开发银行',
        flowEn: 'Graduate repayment — China Development Bank',
      },
      {
        textZh: '联系生源地县级学生资助管理中心，确认还款时间和还款流程；',
        textEn:
          'Contact the county-level student financial aid management center in your home area to confirm the repayment date and procedure.',
        flowZh: '毕业生还款——非国家开发银行',
        flowEn: 'Graduate repayment — other banks',
      },
      {
        textZh: '及时偿还贷款，以免逾期。',
        textEn: 'Repay on time so that the loan does not fall overdue.',
        flowZh: '毕业生还款——非国家开发银行',
        flowEn: 'Graduate repayment — other banks',
      },
      {
        textZh: '登录国家开发银行生源地助学贷款学生在线服务系统；',
        textEn: 'Log in to the China Development Bank home-area student loan online service system for students.',
        flowZh: '在校生续贷——国家开发银行',
        flowEn: 'Current students: loan renewal — China Development Bank',
      },
      {
        textZh: '在“贷款申请”功能中提出续贷申请，并填写续贷声明，总结陈述一年来的思想学习等情况。',
        textEn:
          'Under “Loan application”, apply to renew the loan and fill in the renewal statement, summarizing your personal development and studies over the past year.',
        flowZh: '在校生续贷——国家开发银行',
        flowEn: 'Current students: loan renewal — China Development Bank',
      },
      {
        textZh: '根据生源地经办银行要求办理相关手续（收取回执单）。',
        textEn: 'Complete the procedures required by the handling bank in your home area (and collect the receipt).',
        flowZh: '在校生续约——非国家开发银行',
        flowEn: 'Current students: contract renewal — other banks',
      },
    ],
  },
  {
    code: 'w03-grassroots-employment-compensation',
    windows: [3],
    nameZh: '基层就业代偿工作',
    nameEn: 'Loan compensation for graduates working at the grassroots',
    descriptionZh: '为基层就业毕业生办理国家助学贷款，代偿服务（艰苦边远地区的界定）。',
    descriptionEn:
      'State repayment of national student loans for graduates who take jobs at the grassroots (as defined for remote and hardship areas).',
    keywords: ['基层就业', '代偿', '贷款代偿', '助学贷款', '艰苦边远地区'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 20,
    materials: [
      {
        nameZh: '就业三方协议或者劳动合同复印件',
        nameEn: 'Copy of the tripartite employment agreement or the labor contract',
        kind: 'copy',
      },
      {
        nameZh: '《就业证明》或《二次分配证明》',
        nameEn: 'Employment Certificate or Secondary Assignment Certificate',
        kind: 'other',
      },
    ],
    steps: [
      {
        textZh: '学生提交相关材料至学校；',
        textEn: 'Submit the documents to the university.',
      },
      {
        textZh: '学生资助办公室审核；',
        textEn: 'The Student Financial Aid Office reviews them.',
      },
      {
        textZh: '学院、学生资助办公室、学校分别盖章，整理后上报给教育部。',
        textEn:
          'Your school, the Student Financial Aid Office and the university each stamp the application, which is then compiled and reported to the Ministry of Education.',
      },
    ],
  },
  {
    code: 'w03-enlistment-compensation',
    windows: [3],
    nameZh: '应征入伍服义务兵役代偿工作服务',
    nameEn: 'Tuition compensation and loan repayment for enlisted students',
    descriptionZh: '根据相关政策，为应征入伍的学生和毕业生，提供学费补偿、国家贷款代偿服务。',
    descriptionEn:
      'Under the relevant policies, provides tuition compensation and state repayment of national student loans for students and graduates who enlist for compulsory military service.',
    keywords: ['应征入伍', '学费补偿', '代偿', '贷款代偿', '义务兵役', '征兵', '当兵'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    links: [
      {
        labelZh: '征兵相关政策',
        labelEn: 'Military recruitment policies',
        url: 'https://wzb.buct.edu.cn/1234/list.htm',
      },
    ],
    appointmentEnabled: true,
    handlingMinutes: 20,
    materials: [
      {
        nameZh: '《高校学生应征入伍学费补偿国家助学贷款代偿申请表》',
        nameEn:
          'Application Form for Tuition Compensation and National Student Loan Repayment for Enlisted University Students',
        kind: 'form',
      },
      {
        nameZh: '《国家助学贷款借款合同》',
        nameEn: 'National student loan contract',
        kind: 'other',
        required: false,
        noteZh: '在校期间获得国家助学贷款的学生提供',
        noteEn: 'Only for students who received a national student loan while at university.',
      },
      {
        nameZh: '本人签字的一次性偿还贷款计划书',
        nameEn: 'Lump-sum loan repayment plan signed by you',
        kind: 'form',
      },
    ],
    steps: [
      {
        textZh:
          '学生提交《高校学生应征入伍学费补偿国家助学贷款代偿申请表》、《国家助学贷款借款合同》（在校期间获得国家助学贷款的学生）和本人签字的一次性偿还贷款计划书；',
        textEn:
          'Submit the Application Form for Tuition Compensation and National Student Loan Repayment for Enlisted University Students, the national student loan contract (if you received a national student loan while at university) and a lump-sum repayment plan signed by you.',
      },
      {
        textZh: '学生资助中心（学生资助办公室）审核相关材料；',
        textEn: 'The Student Financial Aid Center (Student Financial Aid Office) reviews the documents.',
      },
      {
        textZh: '学生资助中心填写申报材料上报至教育部。',
        textEn: 'The Student Financial Aid Center fills in the declaration and reports it to the Ministry of Education.',
      },
    ],
  },

  // ---- 4号窗口——综合管理岗 -----------------------------------------------
  {
    code: 'w04-activity-venue-application',
    windows: [4],
    nameZh: '学生活动场地申请',
    nameEn: 'Student activity venue booking',
    descriptionZh: '为团属学生活动提供查询、申请、审批服务。',
    descriptionEn: 'Enquiries, applications and approval for venues for Youth League student activities.',
    keywords: ['场地申请', '活动场地', '场地', '教室借用', '团委'],
    departmentCode: 'student-affairs/youth-league',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [
      {
        nameZh: '《团属学生活动场地申请表》',
        nameEn: 'Youth League Student Activity Venue Application Form',
        kind: 'form',
      },
      { nameZh: '学生证', nameEn: 'Student ID card', kind: 'original' },
    ],
    steps: [
      {
        textZh: '学生持学生证按照相关规定完成团属学生活动场地申请、登记及查询。',
        textEn:
          'Bring your student ID card to apply for, register and check venues for Youth League student activities under the relevant rules.',
      },
    ],
  },
  {
    code: 'w04-volunteering',
    windows: [4],
    nameZh: '志愿活动服务内容',
    nameEn: 'Volunteering services',
    descriptionZh: '为学生提供志愿活动查询、报名登记服务及志愿服务时长核实。',
    descriptionEn: 'Find volunteering activities, sign up for them and have your volunteer hours verified.',
    keywords: ['志愿活动', '志愿者', '志愿服务', '志愿时长', '报名'],
    departmentCode: 'student-affairs/youth-league',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [{ nameZh: '校园卡', nameEn: 'Campus card', kind: 'original' }],
    steps: [
      {
        textZh: '学生持校园卡完成进行志愿活动查询、报名登记及志愿服务时长核实。',
        textEn: 'Bring your campus card to look up volunteering activities, sign up and have your volunteer hours verified.',
      },
    ],
  },
  {
    code: 'w04-activities-and-tickets',
    windows: [4],
    nameZh: '学生活动查询、门票领取服务',
    nameEn: 'Student activities and ticket collection',
    descriptionZh: '学生活动查询、报名及门票领取服务。',
    descriptionEn: 'Look up student activities, sign up for them and collect tickets.',
    keywords: ['门票', '领票', '学生活动', '活动报名', '演出'],
    departmentCode: 'student-affairs/youth-league',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [{ nameZh: '校园卡', nameEn: 'Campus card', kind: 'original' }],
    steps: [
      {
        textZh: '学生持校园卡完成学生活动查询、报名及门票领取。',
        textEn: 'Bring your campus card to look up activities, sign up and collect tickets.',
      },
    ],
  },
  {
    code: 'w04-league-member-services',
    windows: [4],
    nameZh: '团员相关服务',
    nameEn: 'Youth League member services',
    descriptionZh: '为学生提供团籍注册、团组织关系转接、团费收缴。',
    descriptionEn: 'League membership registration, transfer of League membership, and collection of League dues.',
    keywords: ['团员', '团籍注册', '团组织关系', '组织关系转接', '团费', '团员证'],
    departmentCode: 'student-affairs/youth-league',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [{ nameZh: '团员证', nameEn: 'Youth League membership card', kind: 'original' }],
    steps: [
      {
        textZh: '学生持团员证到窗口完成团籍注册、团组织关系转接与团费收缴。',
        textEn:
          'Bring your League membership card to the window for membership registration, membership transfer and payment of League dues.',
      },
    ],
  },

  // ---- 5号窗口——勤工助学服务岗 -------------------------------------------
  {
    code: 'w05-work-study-positions',
    windows: [5],
    nameZh: '校内外勤工助学岗位服务',
    nameEn: 'On- and off-campus work-study jobs',
    descriptionZh:
      '为学生提供校内外勤工助学岗位的信息咨询、岗位申请和岗位审核服务。其他相关信息：勤工助学网站。',
    descriptionEn:
      'Information on on-campus and off-campus work-study jobs, job applications and application review. Related: the work-study website.',
    keywords: ['勤工助学', '三助', '兼职', '勤工助学岗位', '双选会'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '《北京化工大学勤工助学岗位申请表》',
        nameEn: 'BUCT Work-Study Job Application Form',
        kind: 'form',
        noteZh: '表格获取方式待确认',
        noteEn: 'Where to obtain the form is still to be confirmed.',
      },
    ],
    steps: [
      {
        textZh: '填写《北京化工大学勤工助学岗位申请表》，交予勤工助学服务岗；',
        textEn: 'Fill in the BUCT Work-Study Job Application Form and hand it in at the work-study window.',
        flowZh: '服务流程',
        flowEn: 'At the window',
      },
      {
        textZh: '等待面试或培训的通知。',
        textEn: 'Wait to be notified of an interview or training.',
        flowZh: '服务流程',
        flowEn: 'At the window',
      },
      {
        textZh: '参与学期初勤工助学中心举办的“双选会”。',
        textEn: 'Attend the job fair held by the Work-Study Center at the start of the semester.',
        flowZh: '其他流程',
        flowEn: 'Other ways',
      },
      {
        textZh: '在勤工助学网站提交申请。',
        textEn: 'Apply on the work-study website.',
        flowZh: '其他流程',
        flowEn: 'Other ways',
      },
    ],
  },
  {
    code: 'w05-on-campus-job-registration',
    windows: [5],
    nameZh: '受理校内申请设立勤工助学岗位的登记服务',
    nameEn: 'Registration of new on-campus work-study jobs',
    descriptionZh: '为各部门有需求提供校内勤工助学岗位。',
    descriptionEn: 'Sets up on-campus work-study jobs for university departments that need them.',
    keywords: ['勤工助学', '岗位设立', '用工需求', '勤工助学岗位需求'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '《北京化工大学勤工助学岗位需求申请表》',
        nameEn: 'BUCT Work-Study Job Request Form',
        kind: 'form',
        noteZh: '表格获取方式待确认',
        noteEn: 'Where to obtain the form is still to be confirmed.',
      },
    ],
    steps: [
      {
        textZh: '填写《北京化工大学勤工助学岗位需求申请表》；',
        textEn: 'Fill in the BUCT Work-Study Job Request Form.',
      },
      {
        textZh: '各用工部门勤工助学工作负责教师签字盖章后交予勤工助学服务岗。',
        textEn:
          'The teacher in charge of work-study in the employing department signs and stamps it, and it is handed in at the work-study window.',
      },
    ],
  },
  {
    code: 'w05-off-campus-job-setup',
    windows: [5],
    nameZh: '校外岗位设立服务工作',
    nameEn: 'Setting up off-campus jobs',
    descriptionZh: '为校内外企业或个人提供岗位设立申请、审核服务工作。',
    descriptionEn: 'Applications and review for companies or individuals, on or off campus, who want to offer student jobs.',
    keywords: ['校外兼职', '岗位设立', '招聘', '兼职', '勤工助学'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 20,
    materials: [
      { nameZh: '企业营业执照复印件', nameEn: 'Copy of the company’s business license', kind: 'copy' },
      { nameZh: '身份证', nameEn: 'ID card', kind: 'original' },
    ],
    steps: [
      {
        textZh: '了解企业或个人招聘需求；',
        textEn: 'The window learns about the hiring needs of the company or individual.',
      },
      {
        textZh: '备份企业营业执照和身份证复印件；',
        textEn: 'Copies of the business license and ID card are kept on file.',
      },
      {
        textZh: '签署校外兼职学生招聘协议。',
        textEn: 'An agreement on recruiting students for off-campus part-time jobs is signed.',
      },
    ],
  },
  {
    code: 'w05-lost-and-found',
    windows: [5],
    nameZh: '受理校园失物招领的登记及查询等',
    nameEn: 'Campus lost and found',
    descriptionZh: '为师生提供失物招领的登记及查询服务。',
    descriptionEn: 'Report or look up lost and found items on campus.',
    keywords: ['失物招领', '丢东西', '捡到', '遗失', '寻物'],
    departmentCode: 'student-affairs/financial-aid',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [
      {
        textZh: '到岗登记询问即可。',
        textEn: 'Come to the window to register or ask.',
      },
    ],
  },

  // ---- 6号窗口——学生维权服务岗 -------------------------------------------
  {
    code: 'w06-rights-protection',
    windows: [6],
    nameZh: '校园维权服务',
    nameEn: 'Student rights protection',
    descriptionZh: '为学生提供校内维权服务',
    descriptionEn: 'Helps students protect their rights on campus.',
    keywords: ['维权', '投诉', '权益', '学生权益'],
    departmentCode: 'student-affairs/youth-league',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 20,
    materials: [{ nameZh: '《学生维权意见表》', nameEn: 'Student Rights Complaint Form', kind: 'form' }],
    steps: [
      {
        textZh: '到岗位填写《学生维权意见表》；',
        textEn: 'Fill in the Student Rights Complaint Form at the window.',
      },
      {
        textZh: '联系相关方，说明情况。',
        textEn: 'The window contacts the parties concerned and explains the situation.',
      },
    ],
    editorialNoteZh: '（服务流程待明确）',
  },
  {
    code: 'w06-logistics-repair',
    windows: [6],
    nameZh: '后勤服务项目报修服务',
    nameEn: 'Logistics repair requests',
    descriptionZh: '为学生提供后勤报修服务，为学生提供报修渠道。',
    descriptionEn: 'Gives students a channel for reporting things that need repair by campus logistics.',
    keywords: ['后勤报修', '报修', '维修', '宿舍报修', '后勤'],
    departmentCode: 'student-affairs/youth-league',
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [{ nameZh: '《后勤服务项目保修单》', nameEn: 'Logistics Repair Request Form', kind: 'form' }],
    steps: [
      {
        textZh: '到岗位填写《后勤服务项目保修单》；',
        textEn: 'Fill in the Logistics Repair Request Form at the window.',
      },
      {
        textZh: '联系相后勤保障部及相关方；',
        textEn: 'The window contacts the Logistics Support Department and the other parties concerned.',
      },
      {
        textZh: '对报修项目进行修理。',
        textEn: 'The reported item is repaired.',
      },
    ],
    editorialNoteZh: '（询问哪些受理哪些情况的报修）',
  },

  // ---- 7号窗口——法律咨询岗 -----------------------------------------------
  {
    code: 'w07-legal-consultation',
    windows: [7],
    nameZh: '法律咨询、大学生就业创业法律服务、专家咨询预约',
    nameEn: 'Legal consultation, legal services for graduate jobs and start-ups, expert appointments',
    descriptionZh:
      '为有法律需求的学生提供法律咨询服务、为大学生就业创业提供法律咨询服务，提供专家咨询预约服务。',
    descriptionEn:
      'Legal advice for students with legal needs, legal advice on employment and starting a business, and appointments with legal experts.',
    keywords: ['法律援助', '法律咨询', '法律服务', '北化法援', '律师', '劳动合同', '专家咨询'],
    feeFen: 0,
    onlineAlternative: {
      textZh: '线上咨询：在线咨询相关法律信息。',
      textEn: 'Ask legal questions online.',
      url: 'https://www.wjx.cn/m/58365795.aspx',
    },
    appointmentEnabled: true,
    handlingMinutes: 30,
    materials: [],
    steps: [
      {
        textZh: '到岗即可咨询相关服务。',
        textEn: 'Come to the window to ask for advice.',
      },
      {
        textZh: '接到案件后转交到案例研究室。',
        textEn: 'Cases taken on are passed to the case research office.',
      },
      {
        textZh: '案例研究室针对案件进行讨论，总结法律意见。',
        textEn: 'The case research office discusses the case and formulates a legal opinion.',
      },
      {
        textZh: '整理意见，返回给咨询人。',
        textEn: 'The opinion is written up and returned to you.',
      },
    ],
  },

  // ---- 8号窗口——户籍管理岗 -----------------------------------------------
  {
    code: 'w08-household-card-loan',
    windows: [8],
    nameZh: '办理借用户籍卡原件',
    nameEn: 'Borrow your original household registration card',
    descriptionZh: '为户籍属于北京化工大学集体户且是在校师生办理户籍卡原件借用服务。',
    descriptionEn:
      'Students and staff whose household registration is in the BUCT collective household can borrow the original of their household registration card.',
    keywords: ['户籍', '户籍卡', '借户籍卡', '户口', '集体户', '户口卡'],
    departmentCode: 'security',
    feeFen: 0,
    links: [
      {
        labelZh: '户籍卡借出流程和注意事项',
        labelEn: 'Borrowing the household registration card: procedure and notes',
        url: 'https://security.buct.edu.cn/2016/1101/c836a7601/page.htm',
      },
    ],
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [
      {
        nameZh: '《北京化工大学借用户籍卡申请表（学生用）》',
        nameEn: 'BUCT Household Registration Card Loan Application Form (for students)',
        kind: 'form',
        formUrl:
          'https://security.buct.edu.cn/_upload/article/files/8d/a8/0004422941bd8b124e71e92343a6/57e8b2e6-0d78-4379-8214-35b5b809c362.doc',
        applicantType: 'student',
      },
      { nameZh: '校园卡', nameEn: 'Campus card', kind: 'original', applicantType: 'staff' },
      { nameZh: '身份证', nameEn: 'ID card (original)', kind: 'original', applicantType: 'staff' },
    ],
    steps: [
      {
        textZh: '学生本人下载、打印、填写《北京化工大学借用户籍卡申请表（学生用）》；',
        textEn:
          'Download, print and fill in the BUCT Household Registration Card Loan Application Form (for students) yourself.',
        applicantType: 'student',
      },
      {
        textZh: '持申请表前往所在学院找负责人签字、盖章；',
        textEn: 'Take the form to the person in charge at your school to have it signed and stamped.',
        applicantType: 'student',
      },
      {
        textZh: '交予户籍管理岗进行办理借出。',
        textEn: 'Hand it in at the household registration window, which lends you the card.',
        applicantType: 'student',
      },
      {
        textZh: '教职工本人携带校园卡、身份证原件办理借出。',
        textEn: 'Staff come in person with their campus card and original ID card to borrow the card.',
        applicantType: 'staff',
      },
    ],
  },
  {
    code: 'w08-household-certificate',
    windows: [8],
    nameZh: '开具户籍证明',
    nameEn: 'Household registration certificate',
    descriptionZh: '为户籍属于北京化工大学集体户的在校师生开具户籍证明。',
    descriptionEn:
      'Issues household registration certificates to students and staff whose registration is in the BUCT collective household.',
    keywords: ['户籍', '户籍证明', '户口证明', '集体户', '户口'],
    departmentCode: 'security',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [
      { nameZh: '校园卡', nameEn: 'Campus card', kind: 'original' },
      { nameZh: '身份证原件', nameEn: 'Original ID card', kind: 'original' },
    ],
    steps: [
      {
        textZh: '到岗后在一站式服务大厅复印集体户首页+户籍卡本人首页即可。',
        textEn:
          'At the window, a copy is made in the service hall of the collective household’s front page and your own page of the household register.',
      },
    ],
  },
  {
    code: 'w08-id-card-loss-letter',
    windows: [8],
    nameZh: '开具身份证丢失补办介绍信',
    nameEn: 'Letter of introduction for replacing a lost ID card',
    descriptionZh: '为户籍属于北京化工大学集体户的在校师生开具身份证丢失补办介绍信。',
    descriptionEn:
      'Issues the letter of introduction needed to replace a lost ID card, for students and staff whose registration is in the BUCT collective household.',
    keywords: ['身份证', '身份证丢失', '丢失', '介绍信', '临时身份证', '户籍'],
    departmentCode: 'security',
    feeFen: 0,
    feeNoteZh: policeFeeZh,
    feeNoteEn: policeFeeEn,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [
      {
        nameZh: 'A4纸签字笔手写申请书',
        nameEn: 'Handwritten application on A4 paper, in ink',
        kind: 'form',
        noteZh:
          '格式:（括号内为教职工填写格式）\n申请\n本人是北京化工大学xx级xx学院xx班学生xx（或本人是北京化工大学某单位教职工xx），因身份证不慎丢失，现申请补办新证。\n身份证号：******************\n申请人：xx\n申请时间：xx年xx月xx日',
        noteEn:
          'Format (staff wording in brackets):\nApplication\nI am xx, a student of class xx, school xx, intake xx at Beijing University of Chemical Technology (or: I am xx, a staff member of [unit] at Beijing University of Chemical Technology). I have lost my ID card and hereby apply for a new one.\nID card number: ******************\nApplicant: xx\nDate: [year]-[month]-[day]',
      },
    ],
    steps: [
      {
        textZh: '本人持手写申请书前往学院找负责人签字盖章。',
        textEn: 'Take your handwritten application to the person in charge at your school to have it signed and stamped.',
        applicantType: 'student',
      },
      {
        textZh: '持手写申请表前往一站式服务大厅加盖户籍章；',
        textEn: 'Bring the handwritten application to the one-stop service hall to have the household registration seal added.',
        applicantType: 'student',
      },
      {
        textZh: '前往和平街道派出所办理正式身份证；',
        textEn: 'Apply for the regular ID card at the Hepingjie Police Station.',
        applicantType: 'student',
      },
      {
        textZh: '如需要办理临时身份证，持办理正式身份证的回执条前往北京公安局朝阳分局办理。',
        textEn:
          'If you need a temporary ID card, take the receipt for the regular ID card to the Chaoyang Branch of the Beijing Public Security Bureau.',
        applicantType: 'student',
      },
      {
        textZh: '持手写申请表前往一站式服务大厅加盖户籍章；',
        textEn: 'Bring the handwritten application to the one-stop service hall to have the household registration seal added.',
        applicantType: 'staff',
      },
      {
        textZh: '携带申请表前往和平街道派出所办理正式身份证；',
        textEn: 'Take the application to the Hepingjie Police Station to apply for the regular ID card.',
        applicantType: 'staff',
      },
      {
        textZh: '如需要办理临时身份证，持办理正式身份证的回执条前往北京公安局朝阳分局办理。',
        textEn:
          'If you need a temporary ID card, take the receipt for the regular ID card to the Chaoyang Branch of the Beijing Public Security Bureau.',
        applicantType: 'staff',
      },
    ],
  },
  {
    code: 'w08-first-id-card-in-beijing-letter',
    windows: [8],
    nameZh: '开具首次在京办理身份证介绍信',
    nameEn: 'Letter of introduction for a first ID card issued in Beijing',
    descriptionZh:
      '为户籍属于北京化工大学集体户且之前没在京办理过身份证的在校师生开具首次在京办理身份证介绍信服务。',
    descriptionEn:
      'Issues the letter of introduction for getting an ID card in Beijing for the first time, for students and staff whose registration is in the BUCT collective household and who have never had an ID card issued in Beijing.',
    keywords: ['身份证', '首次办理', '在京办理身份证', '介绍信', '临时身份证', '户籍'],
    departmentCode: 'security',
    feeFen: 0,
    feeNoteZh: policeFeeZh,
    feeNoteEn: policeFeeEn,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [
      { nameZh: '校园卡', nameEn: 'Campus card', kind: 'original' },
      { nameZh: '异地身份证原件', nameEn: 'Original ID card issued outside Beijing', kind: 'original' },
    ],
    steps: [
      {
        textZh: '前往一站式服务大厅开具首次在京办理身份证介绍信；',
        textEn: 'Get the letter of introduction for a first ID card in Beijing at the one-stop service hall.',
      },
      {
        textZh: '携带介绍信前往和平街道派出所办理正式身份证；',
        textEn: 'Take the letter to the Hepingjie Police Station to apply for the regular ID card.',
      },
      {
        textZh: '如需要办理临时身份证，持办理正式身份证的回执条前往北京公安局朝阳分局办理。',
        textEn:
          'If you need a temporary ID card, take the receipt for the regular ID card to the Chaoyang Branch of the Beijing Public Security Bureau.',
      },
    ],
  },
  {
    code: 'w08-expired-id-card-letter',
    windows: [8],
    nameZh: '开具身份证过期更换介绍信',
    nameEn: 'Letter of introduction for renewing an expired ID card',
    descriptionZh: '为户籍属于北京化工大学集体户的在校师生开具身份证过期更换介绍信。',
    descriptionEn:
      'Issues the letter of introduction for renewing an expired ID card, for students and staff whose registration is in the BUCT collective household.',
    keywords: ['身份证', '身份证过期', '过期更换', '换证', '介绍信', '户籍'],
    departmentCode: 'security',
    feeFen: 0,
    feeNoteZh: policeFeeZh,
    feeNoteEn: policeFeeEn,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [{ nameZh: '旧身份证原件', nameEn: 'Original of the old ID card', kind: 'original' }],
    steps: [
      {
        textZh: '前往一站式服务大厅开具换证介绍信；',
        textEn: 'Get the letter of introduction for renewing the ID card at the one-stop service hall.',
      },
      {
        textZh: '携带介绍信前往和平街道派出所办理正式身份证；',
        textEn: 'Take the letter to the Hepingjie Police Station to apply for the regular ID card.',
      },
      {
        textZh: '如需要办理临时身份证，持办理正式身份证的回执条前往北京公安局朝阳分局办理。',
        textEn:
          'If you need a temporary ID card, take the receipt for the regular ID card to the Chaoyang Branch of the Beijing Public Security Bureau.',
      },
    ],
    editorialNoteZh:
      '种子原文此项服务介绍与第4项相同（疑为复制错误）：“为户籍属于北京化工大学集体户且之前没在京办理过身份证的在校师生开具首次在京办理身份证介绍信服务。”',
  },
  {
    code: 'w08-beijing-residence-proof',
    windows: [8],
    nameZh: '开具办理《北京市居住登记卡》及《北京市居住登记证》的居住证明',
    nameEn: 'Proof of residence for the Beijing residence registration card or residence permit',
    descriptionZh:
      '为户籍不属于北京化工大学集体户的在校师生开具办理《北京市居住登记卡》、《北京市居住登记证》的居住证明和在读证明。',
    descriptionEn:
      'For students and staff whose household registration is not in the BUCT collective household: issues the proof of residence and proof of enrollment needed for the Beijing residence registration card and the Beijing residence permit.',
    keywords: ['居住证', '居住登记卡', '居住证明', '在读证明', '北京居住证', '户籍'],
    departmentCode: 'security',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [
      {
        nameZh: '本人户口本或者户籍证明',
        nameEn: 'Your household register (hukou booklet) or a household registration certificate',
        kind: 'original',
      },
      {
        nameZh: '《北京市居住登记卡》及《北京市居住证》居住证明',
        nameEn: 'Proof of residence for the Beijing residence registration card and Beijing residence permit',
        kind: 'form',
        formUrl:
          'https://security.buct.edu.cn/_upload/article/files/2f/4a/b72a1d41484aa2bac997aebdd5e4/25bb2b99-26a3-4e25-93af-7b6a37d73c91.docx',
      },
      {
        nameZh: '《北京市居住登记卡》及《北京市居住证》在读证明',
        nameEn: 'Proof of enrollment for the Beijing residence registration card and Beijing residence permit',
        kind: 'form',
        formUrl:
          'https://security.buct.edu.cn/_upload/article/files/2f/4a/b72a1d41484aa2bac997aebdd5e4/25bb2b99-26a3-4e25-93af-7b6a37d73c91.docx',
      },
    ],
    steps: [
      {
        textZh:
          '携带本人户口本或者户籍证明，打印、填写好《北京市居住登记卡》及《北京市居住证》居住证明、《北京市居住登记卡》及《北京市居住证》在读证明；',
        textEn:
          'Bring your household register or household registration certificate, and print and fill in the proof of residence and the proof of enrollment for the Beijing residence registration card and residence permit.',
      },
      {
        textZh: '《北京市居住登记卡》及《北京市居住证》在读证明在所在学院负责人处签字盖章；',
        textEn: 'Have the proof of enrollment signed and stamped by the person in charge at your school.',
      },
      {
        textZh: '持在读证明，到一站式服务大厅户籍管理岗开具居住证明；',
        textEn:
          'Take the proof of enrollment to the household registration window of the one-stop service hall to get the proof of residence.',
      },
      {
        textZh: '持居住证明到樱花街道警务室（东区）办理《北京市居住登记卡》或《北京市居住证》。',
        textEn:
          'Take the proof of residence to the Yinghua Street police office (east campus area) to get the Beijing residence registration card or the Beijing residence permit.',
      },
    ],
  },
  {
    code: 'w08-id-card-outside-home-area',
    windows: [8],
    nameZh: '异地办理身份证',
    nameEn: 'Getting an ID card away from your place of household registration',
    descriptionZh: '为户籍不属于北京化工大学集体户的在校师生异地办理身份证明。',
    descriptionEn:
      'For students and staff whose household registration is not in the BUCT collective household: getting an ID card in Beijing, away from their place of registration.',
    keywords: ['身份证', '异地办理身份证', '异地办理', '居住登记卡', '户籍'],
    departmentCode: 'security',
    feeFen: 0,
    feeNoteZh: '异地过期身份证更换和平街道派出所收费20元（现金），丢失补办身份证和平街道派出所收取40元（现金）。',
    feeNoteEn:
      'No fee at the hall. The Hepingjie Police Station charges 20 yuan (cash) to renew an expired ID card from another area and 40 yuan (cash) to replace a lost one.',
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [
      {
        nameZh: '《北京居住登记卡》或《北京市居住登记证》',
        nameEn: 'Beijing residence registration card or Beijing residence registration certificate',
        kind: 'original',
      },
    ],
    steps: [
      {
        textZh: '携带《北京居住登记卡》或《北京市居住登记证》前往和平街道派出所办理正式身份证。',
        textEn:
          'Take your Beijing residence registration card or certificate to the Hepingjie Police Station to apply for the regular ID card.',
      },
      {
        textZh: '在此期间不能办理临时身份证。',
        textEn: 'A temporary ID card cannot be issued in the meantime.',
      },
    ],
  },
  {
    code: 'w08-changping-vehicle-pass',
    windows: [8],
    nameZh: '办理昌平校区车辆通行证',
    nameEn: 'Changping campus vehicle pass',
    descriptionZh: '为昌平校区教职工、离退休人员办理车辆通行证。',
    descriptionEn: 'Vehicle passes for staff and retirees of the Changping campus.',
    keywords: ['车证', '车辆通行证', '通行证', '昌平校区', '机动车', '停车'],
    departmentCode: 'security',
    feeFen: 30000,
    feeNoteZh: '车证办理每年300元，到期后续费',
    feeNoteEn: 'The vehicle pass costs 300 yuan a year; renew it when it expires.',
    appointmentEnabled: false,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '《北京化工大学昌平校区教职工、离退休人员机动车通行证办理申请表》',
        nameEn: 'BUCT Changping Campus Vehicle Pass Application Form for Staff and Retirees',
        kind: 'form',
        formUrl:
          'https://security.buct.edu.cn/_upload/article/files/72/e0/9d23aaa3417091ff5ab0f1355a6d/be62863c-a02a-46e8-83e7-d99e7e7c1430.docx',
      },
      { nameZh: '机动车行驶证', nameEn: 'Vehicle registration certificate', kind: 'original' },
      { nameZh: '本人驾驶证', nameEn: 'Your driving license', kind: 'original' },
      { nameZh: '身份证', nameEn: 'ID card', kind: 'original' },
    ],
    steps: [
      {
        textZh: '下载、填写《北京化工大学昌平校区教职工、离退休人员机动车通行证办理申请表》。',
        textEn: 'Download and fill in the BUCT Changping Campus Vehicle Pass Application Form for Staff and Retirees.',
      },
      {
        textZh: '持申请表到所在单位盖章后，持表到一站式服务大厅办理。',
        textEn: 'Have the form stamped by your unit, then bring it to the one-stop service hall.',
      },
    ],
  },

  // ---- 12号窗口——海外学习服务岗 ------------------------------------------
  {
    code: 'w12-overseas-study-consultation',
    windows: [12],
    nameZh: '学生海外学习咨询与报名',
    nameEn: 'Overseas study programs: advice and registration',
    descriptionZh: '为学生提供海外学习咨询与报名。',
    descriptionEn: 'Advice on overseas study programs and registration for them.',
    keywords: ['留学', '海外学习', '出国', '出境', '交换', '报名'],
    departmentCode: 'international',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 20,
    materials: [
      {
        nameZh: '根据国际处要求和引导办理相关材料',
        nameEn: 'Documents as required and guided by the International Office',
        kind: 'other',
      },
    ],
    steps: [{ textZh: '到岗咨询。', textEn: 'Ask at the window.' }],
  },
  {
    code: 'w12-outbound-procedures',
    windows: [12],
    nameZh: '学生出国（境）手续办理',
    nameEn: 'Procedures for students going abroad',
    descriptionZh: '办理学生出国（境）手续。',
    descriptionEn: 'Handles the procedures for students travelling abroad or outside the mainland.',
    keywords: ['出国', '出境', '出国手续', '出境手续', '留学'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [],
    steps: [],
  },
  {
    code: 'w12-outbound-expense-reimbursement',
    windows: [12],
    nameZh: '学生临时出国（境）费用报销手续等',
    nameEn: 'Reimbursement of expenses for short trips abroad, and related procedures',
    descriptionZh: '办理学生临时出国（境）费用报销等手续。',
    descriptionEn: 'Handles reimbursement and related procedures for students’ short-term trips abroad or outside the mainland.',
    keywords: ['出国', '出境', '报销', '出国报销', '费用报销'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [],
    steps: [],
  },

  // ---- 14号、15号窗口——学生综合教务岗 -------------------------------------
  {
    code: 'w14-teaching-calendar',
    windows: [14, 15],
    nameZh: '咨询教学运行的各项活动的起止时间，发放教学工作周历',
    nameEn: 'Dates of teaching activities; weekly teaching calendar',
    descriptionZh: '咨询教学运行的各项活动的起止时间，发放教学工作周历。',
    descriptionEn: 'Start and end dates of teaching activities; the weekly teaching calendar is handed out here.',
    keywords: ['教学周历', '周历', '起止时间', '教学运行', '教学安排'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-teaching-progress-school-calendar',
    windows: [14, 15],
    nameZh: '咨询各专业及班级的教学进程和领取校历',
    nameEn: 'Teaching progress by major and class; school calendar',
    descriptionZh: '咨询各专业及班级的教学进程和领取校历。',
    descriptionEn: 'Teaching progress for each major and class; collect the school calendar.',
    keywords: ['校历', '教学进程', '教学计划'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-student-id-replacement',
    windows: [14, 15],
    nameZh: '咨询学生证补办流程',
    nameEn: 'Replacing a student ID card',
    descriptionZh: '咨询学生证补办流程。',
    descriptionEn: 'How to get a replacement student ID card.',
    keywords: ['学生证补办', '补办', '学生证', '学生证丢失', '补证', '学生证遗失'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [
      { textZh: '教务管理系统提出申请；', textEn: 'Apply in the academic affairs management system.' },
      {
        textZh: '再到学院教务老师处咨询办理。',
        textEn: 'Then see the academic affairs teacher at your school to complete it.',
      },
    ],
  },
  {
    code: 'w14-timetables',
    windows: [14, 15],
    nameZh: '咨询班级课程表、教师课程表、教室课程表等排课信息',
    nameEn: 'Timetables for classes, teachers and classrooms',
    descriptionZh: '咨询班级课程表、教师课程表、教室课程表等排课信息。',
    descriptionEn: 'Scheduling information such as class, teacher and classroom timetables.',
    keywords: ['课程表', '课表', '排课', '教室课表'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-course-selection',
    windows: [14, 15],
    nameZh: '咨询选课开放时段、选课原则等问题，领取手工退补选课申请表',
    nameEn: 'Course selection periods and rules; manual add/drop form',
    descriptionZh: '咨询选课开放时段、选课原则等问题，领取手工退补选课申请表。',
    descriptionEn: 'When course selection opens and how it works; collect the form for adding or dropping courses manually.',
    keywords: ['选课', '退选', '补选', '退补选', '选课申请表'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [
      {
        nameZh: '手工退补选课申请表',
        nameEn: 'Manual course add/drop application form',
        kind: 'form',
        required: false,
        noteZh: '在窗口领取，需手工退补选课时填写',
        noteEn: 'Collect it at the window; fill it in if you need to add or drop courses manually.',
      },
    ],
    steps: [],
  },
  {
    code: 'w14-retake-exams',
    windows: [14, 15],
    nameZh: '咨询考试课、考查课以及单开班的重修班的考试安排',
    nameEn: 'Exam arrangements for retake classes',
    descriptionZh: '咨询考试课、考查课以及单开班的重修班的考试安排。',
    descriptionEn:
      'Exam arrangements for retake classes, including examined courses, assessed courses and separately run retake classes.',
    keywords: ['重修', '重修班', '考试安排', '补考', '考试'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-grade-review',
    windows: [14, 15],
    nameZh: '咨询成绩复议流程，领取《成绩复议申请表》',
    nameEn: 'Grade review: procedure and application form',
    descriptionZh: '咨询成绩复议流程，领取《成绩复议申请表》。',
    descriptionEn: 'How to ask for a grade to be reviewed; collect the Grade Review Application Form.',
    keywords: ['成绩复议', '复议', '成绩', '查分', '成绩有误'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '《成绩复议申请表》',
        nameEn: 'Grade Review Application Form',
        kind: 'form',
        formUrl: gradeReviewFormUrl,
        noteZh: '两份，都交给所在学院教务老师',
        noteEn: 'Two copies, both handed to the academic affairs teacher at your school.',
      },
    ],
    steps: [
      {
        textZh: '下载、打印、填写两份《成绩复议申请表》，都交给所在学院教务老师；',
        textEn:
          'Download, print and fill in two copies of the Grade Review Application Form and give both to the academic affairs teacher at your school.',
      },
      {
        textZh: '所在学院转交给开课学院处理；',
        textEn: 'Your school forwards them to the school that teaches the course.',
      },
      {
        textZh: '开课学院将处理结果一份交予教务处，一份转交给学生所在学院；',
        textEn:
          'The teaching school sends one copy of its decision to the Office of Academic Affairs and the other to your school.',
      },
      {
        textZh: '所在学院转交处理结果给学生。',
        textEn: 'Your school passes the decision on to you.',
      },
    ],
  },
  {
    code: 'w14-pe-exemption',
    windows: [14, 15],
    nameZh: '咨询体育保健课、免体的申请条件和流程，领取申请表',
    nameEn: 'Adapted PE classes and PE exemption',
    descriptionZh: '咨询体育保健课、免体的申请条件和流程，领取申请表。',
    descriptionEn: 'Who can take adapted (health-care) PE classes or be exempted from PE, how to apply; collect the form.',
    keywords: ['免体', '体育保健课', '体育免修', '免修', '体育课'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [
      {
        nameZh: '校医院开具的诊断证明（盖章）',
        nameEn: 'Medical certificate from the university hospital (stamped)',
        kind: 'other',
      },
      {
        nameZh: '体育保健课、免体申请表',
        nameEn: 'Adapted PE / PE exemption application form',
        kind: 'form',
        formUrl: jw('53/22/414444054aeaa62451dd751722db/c43da296-3ad2-4907-89c0-663e2b65117a.doc'),
      },
    ],
    steps: [
      {
        textZh: '校医院开具诊断证明，盖章；',
        textEn: 'Get a stamped medical certificate from the university hospital.',
      },
      { textZh: '打印、填写申请表；', textEn: 'Print and fill in the application form.' },
      {
        textZh: '找学院教务老师和体育免修保健负责人签字后交回教务处。',
        textEn:
          'Have it signed by your school’s academic affairs teacher and the person in charge of PE exemption and adapted PE, then return it to the Office of Academic Affairs.',
      },
    ],
  },
  {
    code: 'w14-english-exemption',
    windows: [14, 15],
    nameZh: '咨询英语课程免修的条件及申请流程',
    nameEn: 'English course exemption',
    descriptionZh: '咨询英语课程免修的条件及申请流程。',
    descriptionEn: 'Conditions for exemption from English courses and how to apply.',
    keywords: ['免修', '英语免修', '英语', '四六级'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [
      {
        nameZh: '《免修申请表》',
        nameEn: 'Course Exemption Application Form',
        kind: 'form',
        noteZh: '交予学院教务老师和任课老师各一份',
        noteEn: 'One copy for your school’s academic affairs teacher and one for the course teacher.',
      },
      { nameZh: '四六级成绩证明', nameEn: 'CET-4/CET-6 score certificate', kind: 'other' },
    ],
    steps: [
      {
        textZh: '在每学期文法学院规定日期内上交《免修申请表》，附上四六级成绩证明，交予学院教务老师和任课老师各一份。',
        textEn:
          'By the date the School of Humanities and Law sets each semester, hand in the Course Exemption Application Form with your CET-4/CET-6 score certificate, one copy to your school’s academic affairs teacher and one to the course teacher.',
      },
    ],
  },
  {
    code: 'w14-online-courses',
    windows: [14, 15],
    nameZh: '咨询网络化课程的选课、上课、考核、成绩认定等相关事宜',
    nameEn: 'Online courses: selection, classes, assessment and credit recognition',
    descriptionZh: '咨询网络化课程的选课、上课、考核、成绩认定等相关事宜。',
    descriptionEn: 'Selecting, attending and being assessed in online courses, and how their grades are recognized.',
    keywords: ['网络化课程', '网课', '在线课程', '成绩认定'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-change-major',
    windows: [14, 15],
    nameZh: '咨询转专业条件、转专业工作进程的时间安排，领取转专业申请表',
    nameEn: 'Changing major: conditions, timetable and application form',
    descriptionZh: '咨询转专业条件、转专业工作进程的时间安排，领取转专业申请表。',
    descriptionEn: 'Who can change major and when each stage takes place; collect the application form.',
    keywords: ['转专业', '转专业申请表', '换专业'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [
      {
        nameZh: '《转专业申请表》',
        nameEn: 'Change of Major Application Form',
        kind: 'form',
        formUrl: jw('6f/18/6037b16e404cbbffafa4cf32e4d6/c50c8c31-35f3-4622-8fe9-1e7abfb25125.doc'),
      },
    ],
    steps: [
      {
        textZh: '每学期末、各学院公布各专业可接受人数；',
        textEn: 'At the end of each semester, each school announces how many students each major can take.',
      },
      {
        textZh: '新学期开始初，学生填写《转专业申请表》,交予所在学院；',
        textEn: 'At the start of the new semester, fill in the Change of Major Application Form and give it to your school.',
      },
      {
        textZh: '接受学院组织学生考核。',
        textEn: 'The receiving school assesses the applicants.',
      },
    ],
  },
  {
    code: 'w14-double-degree-minor',
    windows: [14, 15],
    nameZh: '咨询双学位、辅修专业的申请条件、招生时间、学分要求等事项',
    nameEn: 'Double degrees and minors',
    descriptionZh: '咨询双学位、辅修专业的申请条件、招生时间、学分要求等事项。',
    descriptionEn: 'Eligibility, admission dates and credit requirements for double degrees and minors.',
    keywords: ['双学位', '辅修', '辅修专业', '第二学位'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-proficiency-exams',
    windows: [14, 15],
    nameZh: '咨询等级考试的报名、缴费、时间规划等事宜',
    nameEn: 'Proficiency exams: registration, fees and dates',
    descriptionZh: '咨询等级考试的报名、缴费、时间规划等事宜。',
    descriptionEn: 'Registering and paying for proficiency exams, and their schedule.',
    keywords: ['等级考试', '四六级', '计算机等级考试', '考试报名', '报名缴费'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-student-status-rules',
    windows: [14, 15],
    nameZh: '咨询学分、GPA、学制、升降级要求等学籍管理等相关事宜',
    nameEn: 'Credits, GPA, program length and repeating or skipping a year',
    descriptionZh: '咨询学分、GPA、学制、升降级要求等学籍管理等相关事宜。',
    descriptionEn: 'Student status rules such as credits, GPA, length of study and the requirements for moving up or down a year.',
    keywords: ['学分', 'GPA', '绩点', '学制', '升降级', '留级', '学籍'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-graduation-degree-eligibility',
    windows: [14, 15],
    nameZh: '咨询毕业资格、学位资格、推荐免试研究生资格等相关事宜',
    nameEn: 'Graduation, degree and postgraduate-recommendation eligibility',
    descriptionZh: '咨询毕业资格、学位资格、推荐免试研究生资格等相关事宜。',
    descriptionEn:
      'Eligibility for graduation, for a degree and for recommendation to postgraduate study without the entrance exam.',
    keywords: ['毕业资格', '学位资格', '学位', '保研', '推免', '推荐免试'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-self-study',
    windows: [14, 15],
    nameZh: '咨询课程自修条件与要求、申请流程，领取自修申请表',
    nameEn: 'Self-study of courses: conditions and application form',
    descriptionZh: '咨询课程自修条件与要求、申请流程，领取自修申请表。',
    descriptionEn: 'Conditions and requirements for taking a course by self-study and how to apply; collect the application form.',
    keywords: ['自修', '自修申请表', '课程自修'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [
      {
        nameZh: '自修申请表',
        nameEn: 'Self-study application form',
        kind: 'form',
        formUrl: jw('dd/8c/7d260c3f4e329e3adc21a2f0692e/75714f60-2f7e-4229-90a3-0a951336ea81.doc'),
      },
    ],
    steps: [],
  },
  {
    code: 'w14-suspension-withdrawal-transfer',
    windows: [14, 15],
    nameZh: '咨询休学、退学、复学、转学的相关流程，领取各项申请表',
    nameEn: 'Suspension, withdrawal, resumption of study and transfer',
    descriptionZh:
      '咨询休学、退学、复学、转学的相关流程，领取各项申请表（《休学申请表》、《退学申请表》、《复学申请表》、《转学申请表》）。',
    descriptionEn:
      'Procedures for suspending, withdrawing from, resuming or transferring out of study; collect the application forms (suspension, withdrawal, resumption and transfer).',
    keywords: ['休学', '退学', '复学', '转学', '休学申请表'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '《休学申请表》',
        nameEn: 'Suspension of Study Application Form',
        kind: 'form',
        formUrl: jw('2e/63/64f8bf5e4c2fbb5843278a2c83c3/ab5d0bf3-55b5-43eb-8a8f-3988411ec6dc.doc'),
        required: false,
        noteZh: '申请休学时使用',
        noteEn: 'For suspending your studies.',
      },
      {
        nameZh: '《退学申请表》',
        nameEn: 'Withdrawal Application Form',
        kind: 'form',
        formUrl: jw('b6/69/7a9963e34f9d8031e1025eac5022/fa546fd9-0180-473d-a642-9af0ad13b4ff.doc'),
        required: false,
        noteZh: '申请退学时使用',
        noteEn: 'For withdrawing from the university.',
      },
      {
        nameZh: '《复学申请表》',
        nameEn: 'Resumption of Study Application Form',
        kind: 'form',
        formUrl: jw('6f/44/1a2777254aea9ae0cf0ae80d777b/f2b2125c-5923-40e6-8646-e5794261144e.doc'),
        required: false,
        noteZh: '申请复学时使用',
        noteEn: 'For resuming your studies.',
      },
      {
        nameZh: '《转学申请表》',
        nameEn: 'Transfer Application Form',
        kind: 'form',
        formUrl: jw('dc/57/f2c4a5f64c12a65b1b3bfd09b169/35021ae0-aaff-4865-aaaa-dddf8fa7a6f2.doc'),
        required: false,
        noteZh: '申请转学时使用',
        noteEn: 'For transferring to another university.',
      },
    ],
    steps: [],
  },
  {
    code: 'w14-registration',
    windows: [14, 15],
    nameZh: '咨询注册、暂缓注册、补注册等相关事宜',
    nameEn: 'Registration, deferred registration and late registration',
    descriptionZh: '咨询注册、暂缓注册、补注册等相关事宜，暂缓注册申请表。',
    descriptionEn: 'Semester registration, deferred registration and late registration; deferred registration application form.',
    keywords: ['注册', '暂缓注册', '补注册', '学期注册'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [
      {
        nameZh: '暂缓注册申请表',
        nameEn: 'Deferred registration application form',
        kind: 'form',
        formUrl: jw('c0/59/e63dd2b64d55a30e3c1ef417a128/978a3f99-c3d1-4113-ad33-152ac0fe60ea.doc'),
        required: false,
        noteZh: '申请暂缓注册时使用',
        noteEn: 'For deferring registration.',
      },
    ],
    steps: [],
  },
  {
    code: 'w14-transcripts-certificates',
    windows: [14, 15],
    nameZh: '打印成绩单、在读证明、专业排名等学籍信息的证明材料',
    nameEn: 'Printing transcripts, proof of enrollment and ranking certificates',
    descriptionZh: '打印成绩单、在读证明、专业排名等学籍信息的证明材料。',
    descriptionEn: 'Printed certificates of student records such as transcripts, proof of enrollment and rank within the major.',
    keywords: ['成绩打印', '成绩单', '在读证明', '专业排名', '证明', '打印', '学籍证明'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-academic-affairs-contacts',
    windows: [14, 15],
    nameZh: '咨询由教务处负责的各项教学、教务工作及活动的负责人及办公电话',
    nameEn: 'Who is responsible for Office of Academic Affairs matters, and their phone numbers',
    descriptionZh: '咨询由教务处负责的各项教学、教务工作及活动的负责人及办公电话。',
    descriptionEn:
      'Find out who is in charge of each teaching and academic matter or activity run by the Office of Academic Affairs, and their office phone.',
    keywords: ['教务处', '负责人', '办公电话', '联系方式'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-school-academic-staff-contacts',
    windows: [14, 15],
    nameZh: '咨询各学院教学教务工作人员的办公地点及办公电话',
    nameEn: 'Offices and phone numbers of school academic affairs staff',
    descriptionZh: '咨询各学院教学教务工作人员的办公地点及办公电话。',
    descriptionEn: 'Where to find the teaching and academic affairs staff of each school, and their office phones.',
    keywords: ['学院教务', '教务老师', '办公地点', '办公电话', '联系方式'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-tutor-system',
    windows: [14, 15],
    nameZh: '咨询本科生导师制的相关问题，指导导师制网上系统的使用',
    nameEn: 'Undergraduate tutor system and its online platform',
    descriptionZh: '咨询本科生导师制的相关问题，指导导师制网上系统的使用。',
    descriptionEn: 'Questions about the undergraduate tutor system, and help using its online system.',
    keywords: ['导师制', '本科生导师', '导师', '导师制系统'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-academic-competitions',
    windows: [14, 15],
    nameZh: '咨询学科竞赛的相关事项',
    nameEn: 'Academic competitions',
    descriptionZh: '咨询学科竞赛的相关事项。',
    descriptionEn: 'Questions about academic competitions.',
    keywords: ['学科竞赛', '竞赛', '比赛'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-innovation-projects',
    windows: [14, 15],
    nameZh: '咨询大学生创新创业训练项目的相关事项，收集整理项目申报书',
    nameEn: 'Student innovation and entrepreneurship training projects',
    descriptionZh: '咨询大学生创新创业训练项目的相关事项，收集整理项目申报书。',
    descriptionEn:
      'Questions about the student innovation and entrepreneurship training program; project proposals are collected here.',
    keywords: ['大创', '创新创业', '大学生创新创业训练项目', '项目申报书', '创新项目'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [
      {
        nameZh: '项目申报书',
        nameEn: 'Project proposal',
        kind: 'form',
        required: false,
        noteZh: '申报大学生创新创业训练项目时提交',
        noteEn: 'Hand it in when applying for an innovation and entrepreneurship training project.',
      },
    ],
    steps: [],
  },
  {
    code: 'w14-online-teaching-platform',
    windows: [14, 15],
    nameZh: '咨询课程学习网络教学平台使用的相关事项',
    nameEn: 'Using the online teaching platform',
    descriptionZh: '咨询课程学习网络教学平台使用的相关事项。',
    descriptionEn: 'Questions about using the online teaching platform for coursework.',
    keywords: ['网络教学平台', '教学平台', '网课平台'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-syllabus-download',
    windows: [14, 15],
    nameZh: '咨询课程教学大纲的下载方法',
    nameEn: 'Downloading course syllabi',
    descriptionZh: '咨询课程教学大纲的下载方法。',
    descriptionEn: 'How to download course syllabi.',
    keywords: ['教学大纲', '大纲', '课程大纲'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-training-programs',
    windows: [14, 15],
    nameZh: '咨询本科生培养方案与卓越工程师培养计划的相关问题',
    nameEn: 'Undergraduate curricula and the Excellent Engineers program',
    descriptionZh: '咨询本科生培养方案与卓越工程师培养计划的相关问题。',
    descriptionEn: 'Questions about undergraduate curricula and the Excellent Engineers training program.',
    keywords: ['培养方案', '卓越工程师', '培养计划'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-teaching-evaluation',
    windows: [14, 15],
    nameZh: '咨询本科生评教相关问题及评教系统的使用',
    nameEn: 'Course evaluation by undergraduates',
    descriptionZh: '咨询本科生评教相关问题及评教系统的使用。',
    descriptionEn: 'Questions about undergraduate course evaluation and how to use the evaluation system.',
    keywords: ['评教', '评教系统', '教学评价'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-teaching-reform-projects',
    windows: [14, 15],
    nameZh: '咨询关于教学改革项目与教材建设项目的申报等相关问题',
    nameEn: 'Teaching reform and textbook development projects',
    descriptionZh: '咨询关于教学改革项目与教材建设项目的申报等相关问题。',
    descriptionEn: 'Applying for teaching reform projects and textbook development projects.',
    keywords: ['教学改革', '教改项目', '教材建设', '项目申报'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },
  {
    code: 'w14-other-academic-matters',
    windows: [14, 15],
    nameZh: '咨询其他有关教学教务方面的相关事项',
    nameEn: 'Other teaching and academic affairs questions',
    descriptionZh: '咨询其他有关教学教务方面的相关事项。',
    descriptionEn: 'Any other questions about teaching and academic affairs.',
    keywords: ['教务', '教学', '教务咨询'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [],
  },

  // ---- 17号窗口——财务管理服务岗 -------------------------------------------
  {
    code: 'w17-medical-reimbursement',
    windows: [17],
    nameZh: '学生医药费报销',
    nameEn: 'Medical expense reimbursement',
    // The document's 服务介绍 says 教职工 (staff), against the service's own name (学生医药费报销):
    // the name is taken as right.
    descriptionZh: '为在校外医院就诊的学生报销医药费（公费医疗）；药费单据须先经校医院审核签字。',
    descriptionEn: 'Reimbursement of medical expenses (public health insurance) for students treated at outside hospitals; the bills must first be checked and signed by the university hospital.',
    keywords: ['报销', '药费报销', '医药费', '医药费报销', '医疗费', '公费医疗', '校医院'],
    departmentCode: 'finance',
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 15,
    materials: [
      {
        nameZh: '发票',
        nameEn: 'Invoices',
        kind: 'original',
        noteZh: '药费单据须经校医院审核签字',
        noteEn: 'Medical bills must first be checked and signed by the university hospital.',
      },
      {
        nameZh: '转诊单',
        nameEn: 'Referral slip',
        kind: 'original',
        noteZh: '带对应医院医保处的章；药费单据须经校医院审核签字',
        noteEn:
          'Bearing the stamp of the medical insurance office of the hospital concerned; medical bills must first be checked and signed by the university hospital.',
      },
      {
        nameZh: '处方',
        nameEn: 'Prescriptions',
        kind: 'original',
        noteZh: '药费单据须经校医院审核签字',
        noteEn: 'Medical bills must first be checked and signed by the university hospital.',
      },
      {
        nameZh: '药品明细',
        nameEn: 'Itemized list of medicines',
        kind: 'original',
        noteZh: '药费单据须经校医院审核签字',
        noteEn: 'Medical bills must first be checked and signed by the university hospital.',
      },
      {
        nameZh: '诊断证明',
        nameEn: 'Medical certificate',
        kind: 'original',
        required: false,
        noteZh: '急诊时提供；药费单据须经校医院审核签字',
        noteEn: 'For emergency visits; medical bills must first be checked and signed by the university hospital.',
      },
      { nameZh: '医疗证', nameEn: 'Medical insurance card', kind: 'original' },
    ],
    steps: [
      {
        textZh: '携带单据在服务时间进行办理（相关单据一定备齐）。',
        textEn: 'Bring the documents during service hours (make sure you have all of them).',
      },
    ],
  },
  {
    code: 'w17-receipts-other-finance',
    windows: [17],
    nameZh: '收单及其他财务相关事项',
    nameEn: 'Receipt collection and other finance matters',
    descriptionZh: '收单及其他财务相关事项。',
    descriptionEn: 'Collection of reimbursement documents and other finance matters.',
    keywords: ['收单', '财务', '报销'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [],
    steps: [],
  },

  // ---- 20、22、23号窗口——信息中心业务咨询岗 -------------------------------
  {
    code: 'w20-card-report-lost',
    windows: [20, 22, 23],
    nameZh: '校园卡的挂失、解挂',
    nameEn: 'Report a campus card lost or found',
    descriptionZh: '办理校园卡的挂失、解挂。',
    descriptionEn: 'Block a lost campus card, or unblock it when you find it again.',
    keywords: ['校园卡', '挂失', '解挂', '卡丢了', '丢卡', '校园卡丢失', '企业微信'],
    feeFen: 0,
    onlineAlternative: {
      textZh:
        '线上流程：打开企业微信，点击“校园卡服务”；打开“校园卡”；选择“卡片挂失”（解挂选择“卡片解挂”）；输入“证件号码”（身份证号码）；完成挂失（解挂）。',
      textEn:
        'Online: open WeCom (企业微信) and tap “校园卡服务” (Campus card services); open “校园卡” (Campus card); choose “卡片挂失” (Report lost) or, to unblock, “卡片解挂” (Unblock); enter your ID card number; done.',
    },
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-card-password',
    windows: [20, 22, 23],
    nameZh: '校园卡密码修改',
    nameEn: 'Change campus card password',
    descriptionZh: '办理校园卡密码修改。',
    descriptionEn: 'Change the password of your campus card.',
    keywords: ['校园卡', '校园卡密码', '密码修改', '改密码', '忘记密码'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: '到窗口即可办理', textEn: goToWindowEn }],
  },
  {
    code: 'w20-card-transactions',
    windows: [20, 22, 23],
    nameZh: '校园卡消费流水明细查询',
    nameEn: 'Campus card transaction history',
    descriptionZh: '校园卡消费流水明细查询（流水异常处理）。',
    descriptionEn: 'Look up the transaction history of your campus card and have abnormal transactions dealt with.',
    keywords: ['校园卡', '流水', '消费记录', '消费明细', '流水查询', '流水异常', '扣款异常'],
    feeFen: 0,
    onlineAlternative: {
      textZh:
        '线上流程：打开企业微信，点击“校园卡服务”；打开“校园卡”；选择“查询流水”；设置查询范围，流水类型；即可查询流水明细。',
      textEn:
        'Online: open WeCom (企业微信) and tap “校园卡服务” (Campus card services); open “校园卡” (Campus card); choose “查询流水” (Transactions); set the date range and transaction type to see the details.',
    },
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-card-fault-report',
    windows: [20, 22, 23],
    nameZh: '校园卡使用故障报修登记',
    nameEn: 'Report a faulty campus card',
    descriptionZh: '校园卡使用故障报修登记（保修时间内卡异常）。',
    descriptionEn: 'Register a campus card that stops working properly while still under warranty.',
    keywords: ['校园卡', '卡坏了', '故障', '报修', '刷不了卡', '卡异常'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-campus-network-authentication',
    windows: [20, 22, 23],
    nameZh: '校园网认证系统咨询服务',
    nameEn: 'Campus network login enquiries',
    descriptionZh: '校园网认证系统咨询服务。',
    descriptionEn: 'Help with the campus network authentication (login) system.',
    keywords: ['校园网', '认证', '上网', '联网', '网络登录'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-gateway-password-mac',
    windows: [20, 22, 23],
    nameZh: '网关密码修改、MAC地址清除',
    nameEn: 'Gateway password change and MAC address removal',
    descriptionZh: '网关密码修改、MAC地址清除。',
    descriptionEn: 'Change your network gateway password or remove registered MAC addresses.',
    keywords: ['校园网', '网关密码', 'MAC地址', 'MAC', '无感知认证', '自服务平台'],
    feeFen: 0,
    onlineAlternative: {
      textZh:
        'MAC地址清除：登录到校园网“自服务平台”（账户和密码与校园网一致）；点击“用户”；点击“无感知认证”；在“动作栏”里点击“ ”标识即可删除对应MAC地址。',
      textEn:
        'Remove a MAC address yourself: log in to the campus network self-service platform (same account and password as the campus network); click “用户” (User), then “无感知认证” (Seamless authentication); in the action column, click the delete icon next to the MAC address.',
    },
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-password-reset',
    windows: [20, 22, 23],
    nameZh: '密码修改',
    nameEn: 'Password reset (campus network and portal)',
    descriptionZh: '密码修改（校园网密码和校园门户密码一致）。',
    descriptionEn: 'Reset your password; the campus network and the campus portal share the same password.',
    keywords: ['密码修改', '密码重置', '校园网密码', '门户密码', '忘记密码', '校园网'],
    feeFen: 0,
    onlineAlternative: {
      textZh:
        '线上流程：注意校园网密码和校园门户密码一致；登录密码修改系统；输入“学号”；点击下一步，选择“重置方式”；按照引导验证身份，进行密码重置；完成重置。',
      textEn:
        'Online (the campus network and campus portal use the same password): open the password reset system, enter your student number, click Next and choose a reset method, verify your identity as guided and reset the password.',
      url: 'https://uc.buct.edu.cn/#/reset/index',
    },
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-network-fault-report',
    windows: [20, 22, 23],
    nameZh: '网络故障报修、登记',
    nameEn: 'Report a network fault',
    descriptionZh: '网络故障报修、登记。',
    descriptionEn: 'Report and register network faults.',
    keywords: ['校园网', '网络故障', '断网', '报修', '网络报修'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [
      { textZh: '到窗口即可办理。', textEn: goToWindowEn },
      {
        textZh: '工作时间段，直接拨打80191167即可报修（电话报修）。',
        textEn: 'During office hours you can also report it by phone: call 80191167.',
      },
    ],
  },
  {
    code: 'w20-wecom-account',
    windows: [20, 22, 23],
    nameZh: '“企业微信”中账号关注问题处理等服务',
    nameEn: 'WeCom account and follow problems',
    descriptionZh: '“企业微信”中账号关注问题处理等服务。',
    descriptionEn: 'Help with problems joining or following the university in WeCom (企业微信), and similar account issues.',
    keywords: ['企业微信', '账号', '关注', '激活'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-wecom-card-network-apps',
    windows: [20, 22, 23],
    nameZh: '“企业微信”中校园卡、校园网应用问题服务',
    nameEn: 'Campus card and campus network apps in WeCom',
    descriptionZh: '“企业微信”中校园卡、校园网应用问题服务。',
    descriptionEn: 'Help with the campus card and campus network apps in WeCom (企业微信).',
    keywords: ['企业微信', '校园卡', '校园网', '应用'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },
  {
    code: 'w20-wecom-other-apps',
    windows: [20, 22, 23],
    nameZh: '“企业微信”中其他应用问题（如班车预约、场馆预约等）处理',
    nameEn: 'Other WeCom apps (shuttle bus booking, venue booking, etc.)',
    descriptionZh: '“企业微信”中其他应用问题（如班车预约、场馆预约等）处理。',
    descriptionEn: 'Help with other apps in WeCom (企业微信), such as shuttle bus booking and sports venue booking.',
    keywords: ['企业微信', '班车预约', '场馆预约', '班车', '场馆'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 5,
    materials: [],
    steps: [{ textZh: goToWindowZh, textEn: goToWindowEn }],
  },

  // ---- 21号窗口——校园卡补卡、领卡登记岗 ------------------------------------
  {
    code: 'w21-card-replacement',
    windows: [21],
    nameZh: '校园卡补卡、领卡登记',
    nameEn: 'Campus card replacement and collection registration',
    descriptionZh: '指导用户做好补卡信息登记。',
    descriptionEn: 'Helps you register the details for a replacement campus card.',
    keywords: ['校园卡', '补卡', '补办', '领卡', '补办校园卡', '卡丢了', '新卡', '自助补卡'],
    feeFen: 2000,
    feeNoteZh: '资费每张卡20元（微信、校园卡余额均可支付）',
    feeNoteEn: '20 yuan per card (payable by WeChat or from the campus card balance).',
    onlineAlternative: {
      textZh:
        '校园卡自助补办：在教学楼B北大厅、图书馆一层大厅（北区）的自助补卡机上按提示补卡、缴费（先挂失、后补办）。',
      textEn:
        'Self-service replacement: use the self-service card replacement machines in the north lobby of Teaching Building B or the ground-floor lobby of the library (north area) and follow the prompts to replace and pay (report the card lost first).',
    },
    appointmentEnabled: true,
    handlingMinutes: 10,
    // 003 lists no materials here; the campus-card rules (002, 2.7.1) require the holder's own ID to replace a card.
    materials: [
      {
        nameZh: '本人有效身份证件',
        nameEn: 'Your own valid ID document',
        kind: 'original',
        noteZh: '依据校园卡管理细则：因丢失、损坏补办须凭本人有效身份证件申请，原卡余额转入新卡。',
        noteEn: 'Under the campus-card rules a replacement needs your own valid ID; the old card’s balance moves to the new card.',
      },
    ],
    steps: [
      { textZh: goToWindowZh, textEn: goToWindowEn, flowZh: '办理流程', flowEn: 'At the window' },
      ...selfServiceReplacementZh.map((textZh, i) => ({
        textZh,
        textEn: selfServiceReplacementEn[i] ?? '',
        flowZh: '校园卡自助补办流程',
        flowEn: 'Self-service campus card replacement',
      })),
    ],
  },

  // ---- 24号窗口——公寓电子门锁授权服务岗 ------------------------------------
  {
    code: 'w24-replacement-card-door-lock',
    windows: [24],
    nameZh: '对补办校园卡进行电子门锁网络授权',
    nameEn: 'Door-lock authorization for a replacement campus card',
    descriptionZh: '对补办校园卡进行电子门锁网络授权。',
    descriptionEn: 'Authorizes a replacement campus card on the electronic lock of your dormitory door over the network.',
    keywords: ['门锁授权', '电子门锁', '宿舍门禁', '门禁', '公寓', '新卡开门'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [],
    steps: [
      {
        textZh: '到窗口即可登记、办理。',
        textEn: 'Come to the window to register; it is handled on the spot.',
      },
    ],
  },
  {
    code: 'w24-dorm-change-door-lock',
    windows: [24],
    nameZh: '对更换宿舍同学的校园卡进行电子门锁网络授权',
    nameEn: 'Door-lock authorization after changing dormitory',
    descriptionZh: '对更换宿舍同学的校园卡进行电子门锁网络授权。',
    descriptionEn: 'Authorizes your campus card on the electronic lock of your new dormitory after a room change.',
    keywords: ['更换宿舍', '换宿舍', '调宿', '门锁授权', '电子门锁', '宿舍门禁'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [],
    steps: [
      {
        textZh: '到窗口即可登记办理。',
        textEn: 'Come to the window to register; it is handled on the spot.',
      },
    ],
  },
  {
    code: 'w24-building-access',
    windows: [24],
    nameZh: '各楼宇门禁授权服务',
    nameEn: 'Building access authorization',
    descriptionZh: '各楼宇门禁授权服务。',
    descriptionEn: 'Grants campus card access to building entrances.',
    keywords: ['门禁', '门禁授权', '楼宇门禁', '刷卡进门'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [],
    steps: [
      {
        textZh: '到窗口即可登记办理。',
        textEn: 'Come to the window to register; it is handled on the spot.',
      },
    ],
  },

  // ---- 25号窗口——校园卡设备维护服务岗 --------------------------------------
  {
    code: 'w25-card-device-maintenance',
    windows: [25],
    nameZh: '对开水机、洗澡水控设备、圈存机、食堂POS机等设备进行维护',
    nameEn: 'Maintenance of water dispensers, shower meters, top-up kiosks and canteen POS terminals',
    descriptionZh: '对开水机、洗澡水控设备、圈存机、食堂POS机等设备进行维护。',
    descriptionEn:
      'Maintains card-operated equipment such as hot-water dispensers, shower water meters, card top-up kiosks and canteen POS terminals.',
    keywords: ['开水机', '洗澡', '水控', '圈存机', 'POS机', '设备维护', '设备故障'],
    feeFen: 0,
    appointmentEnabled: false,
    handlingMinutes: 10,
    materials: [],
    steps: [],
  },
  {
    code: 'w25-gate-access-maintenance',
    windows: [25],
    nameZh: '对各楼大门门禁、图书馆闸机进行授权及维护',
    nameEn: 'Building entrance and library gate access: authorization and maintenance',
    descriptionZh: '对各楼大门门禁、图书馆闸机进行授权及维护。',
    descriptionEn: 'Authorizes cards for, and maintains, building entrance access control and the library gates.',
    keywords: ['门禁', '大门门禁', '图书馆闸机', '闸机', '门禁授权'],
    feeFen: 0,
    appointmentEnabled: true,
    handlingMinutes: 10,
    materials: [],
    steps: [],
  },
];

// ---------------------------------------------------------------------------
// Self-service machines (自助机器)
// ---------------------------------------------------------------------------

const selfServiceMachines: SelfServiceMachineSeed[] = [
  {
    code: 'card-replacement-kiosk',
    nameZh: '自助补卡机',
    nameEn: 'Self-service card replacement machine',
    locationZh: '教学楼B北大厅、图书馆一层大厅（北区）',
    locationEn: 'North lobby of Teaching Building B and ground-floor lobby of the library (north area)',
    // 操作流程：见校园卡自助补办流程.
    instructionsZh: selfServiceReplacementZh,
    instructionsEn: selfServiceReplacementEn,
    functions: [
      {
        groupZh: '可办理业务',
        groupEn: 'Services',
        itemsZh: ['补卡', '缴费'],
        itemsEn: ['Card replacement', 'Payment'],
      },
    ],
  },
  {
    code: 'academic-print-kiosk',
    nameZh: '自助教务打印机（本科）',
    nameEn: 'Self-service academic records printer (undergraduates)',
    locationZh: '一站式服务大厅东南角及一站式服务大厅西侧出口位置',
    locationEn: 'South-east corner of the one-stop service hall, and by the hall’s west exit',
    instructionsZh: ['用户可通过刷校园卡登录。', '可使用账号和教务密码登录。'],
    instructionsEn: [
      'Log in by tapping your campus card.',
      'Or log in with your account and academic affairs system password.',
    ],
    functions: [
      {
        groupZh: '查询',
        groupEn: 'Look up',
        itemsZh: ['考试查询', '成绩绩点换算说明', '成绩绩点换算英文说明', '打印记录'],
        itemsEn: [
          'Exam information',
          'Grade-to-GPA conversion notes',
          'Grade-to-GPA conversion notes (English)',
          'Print history',
        ],
      },
      {
        groupZh: '成绩打印',
        groupEn: 'Transcripts',
        itemsZh: ['全程成绩（中文）', '最高成绩（中文）', '出国成绩（中文）', '出国成绩（英文）'],
        itemsEn: [
          'Full transcript (Chinese)',
          'Best-attempt transcript (Chinese)',
          'Transcript for study abroad (Chinese)',
          'Transcript for study abroad (English)',
        ],
      },
      {
        groupZh: '证明打印',
        groupEn: 'Certificates',
        itemsZh: ['在读证明（找工作用）', '在读证明（出国用）', '四六级成绩证明', '专业排名证明', '预毕业证明'],
        itemsEn: [
          'Proof of enrollment (for job applications)',
          'Proof of enrollment (for going abroad)',
          'CET-4/CET-6 score certificate',
          'Certificate of rank within major',
          'Certificate of expected graduation',
        ],
      },
      {
        groupZh: '申请打印',
        groupEn: 'Application forms',
        itemsZh: [],
        itemsEn: [],
      },
    ],
  },
  {
    code: 'card-top-up-kiosk',
    nameZh: '校园卡圈存机',
    nameEn: 'Campus card top-up kiosk',
    instructionsZh: ['带校园卡即可。'],
    instructionsEn: ['Just bring your campus card.'],
    functions: [
      {
        groupZh: '自助服务',
        groupEn: 'Self-service',
        itemsZh: ['信息查询', '流水查询', '密码修改', '修改限额', '档案重写', '校园卡挂失', '校园卡解挂', '遗失卡招领'],
        itemsEn: [
          'Account information',
          'Transaction history',
          'Change password',
          'Change spending limit',
          'Rewrite card record',
          'Report card lost',
          'Unblock card',
          'Lost cards found',
        ],
      },
      {
        groupZh: '银行服务',
        groupEn: 'Bank services',
        itemsZh: ['取消绑定', '银校转账', '查询转账流水', '查询银行余额', '申请绑定'],
        itemsEn: [
          'Unlink bank card',
          'Bank-to-card transfer',
          'Transfer history',
          'Bank balance',
          'Link bank card',
        ],
      },
      {
        groupZh: '校内服务',
        groupEn: 'Campus services',
        itemsZh: ['网络缴费（网费）', '自助购电'],
        itemsEn: ['Pay network fees', 'Buy electricity'],
      },
    ],
  },
  {
    code: 'train-ticket-machine',
    nameZh: '火车票自助售（取）票机',
    nameEn: 'Self-service train ticket machine (purchase and pick-up)',
    locationZh: '一站式服务大厅东',
    locationEn: 'East side of the one-stop service hall',
    instructionsZh: ['携带学生证、身份证办理业务，购票需要带银行卡。'],
    instructionsEn: ['Bring your student ID card and ID card; to buy tickets you also need a bank card.'],
    functions: [
      {
        groupZh: '可办理业务',
        groupEn: 'Services',
        itemsZh: ['购票', '取互联网订票', '取电话购票', '取报销凭证', '查询购票信息单', '优惠资质绑定'],
        itemsEn: [
          'Buy tickets',
          'Collect tickets booked online',
          'Collect tickets booked by phone',
          'Print reimbursement receipts',
          'Look up ticket purchase details',
          'Link student discount eligibility',
        ],
      },
    ],
  },
];

// ---------------------------------------------------------------------------
// Campus card types (from 002, 校园卡管理细则)
// ---------------------------------------------------------------------------

const cardTypes: CardTypeSeed[] = [
  {
    code: 'staff',
    nameZh: '工作证',
    nameEn: 'Staff card',
    identity: true,
    realName: true,
    holdersZh: ['正式编制的全时教职工', '博士后'],
    approvingDepartmentZh: '人力资源处',
    requiredDocumentsZh: ['身份证件', '工号', '照片'],
    bulkDoorAccess: false,
    feeFen: 2000,
    firstCardFree: true,
    closeAfterLeavingDays: 30,
    validityRuleZh:
      '全时教职工的工作证有效期按聘用合同期限确定；博士后的工作证有效期为2年；由上级主管部门任命的干部、两院院士的工作证有效期为长期。办理离校手续后，与身份识别相关的管理功能终止，30天后一卡通功能全部终止，予以销户。',
  },
  {
    code: 'student',
    nameZh: '学生证',
    nameEn: 'Undergraduate student card',
    identity: true,
    realName: true,
    holdersZh: ['本校正式学籍全日制本科生'],
    approvingDepartmentZh: '教务处',
    requiredDocumentsZh: ['身份证件', '学号', '照片'],
    bulkDoorAccess: true,
    feeFen: 2000,
    firstCardFree: true,
    closeAfterLeavingDays: 60,
    validityRuleZh:
      '根据学制安排，按教务处信息系统中的预计毕业日期确定。办理毕业离校手续后，与身份识别相关的管理功能终止并集中销户；其中留校工作或升学的毕业生，60天后一卡通功能全部终止，予以销户。',
  },
  {
    code: 'graduate',
    nameZh: '研究生证',
    nameEn: 'Postgraduate student card',
    identity: true,
    realName: true,
    holdersZh: ['本校正式学籍研究生（包括各类全日制和非全日制硕士、博士研究生）'],
    approvingDepartmentZh: '研究生院',
    requiredDocumentsZh: ['身份证件', '学号', '照片'],
    bulkDoorAccess: true,
    feeFen: 2000,
    firstCardFree: true,
    closeAfterLeavingDays: 60,
    validityRuleZh:
      '根据学制安排，按研究生院信息系统中的预计毕业日期确定。办理毕业离校手续后，与身份识别相关的管理功能终止并集中销户；其中留校工作或升学的毕业生，60天后一卡通功能全部终止，予以销户。',
  },
  {
    code: 'general',
    nameZh: '普通校园卡',
    nameEn: 'General campus card',
    identity: true,
    realName: true,
    holdersZh: [
      '委培生',
      '交换生',
      '进修生',
      '语言生',
      '夏季学期交流生',
      '继续教育学生',
      '本校离退休人员',
      '项目聘用人员',
      '外聘教师',
      '挂职干部、对口支援',
    ],
    approvingDepartmentZh:
      '委培生：教务处；交换生、进修生、夏季学期交流生：教务处、研究生院；语言生：留学生发展中心；继续教育学生：继续教育学院；本校离退休人员、项目聘用人员：人力资源处；外聘教师：各学院部处；挂职干部、对口支援：校办、党办、组织部',
    requiredDocumentsZh: [
      '身份证件',
      '学号（各类学生）',
      '工号（本校离退休人员、项目聘用人员）',
      '合同（外聘教师）',
      '证明材料（挂职干部、对口支援）',
      '照片',
    ],
    bulkDoorAccess: false,
    feeFen: 2000,
    firstCardFree: false,
    closeAfterLeavingDays: null,
    validityRuleZh:
      '各类学生用普通校园卡按教务处、研究生院信息系统中的预计毕业日期确定；项目聘用人员、二级单位聘用人员按聘用合同确定，合同上没有明确聘用期限的为2年；本校离退休人员为长期。工本费可由批准办理的校内部门支付或由持卡人支付。',
  },
  {
    code: 'consumption',
    nameZh: '消费卡',
    nameEn: 'Consumption-only card',
    identity: false,
    realName: true,
    holdersZh: ['二级单位聘用职工', '入职手续在办中的老师', '外包服务人员'],
    approvingDepartmentZh:
      '二级单位聘用职工：各学院部处；入职手续在办中的老师：人力资源处；外包服务人员：资实处、后保处、保卫处',
    requiredDocumentsZh: ['身份证件', '合同（二级单位聘用职工、外包服务人员）'],
    bulkDoorAccess: false,
    feeFen: 2000,
    firstCardFree: false,
    closeAfterLeavingDays: null,
    validityRuleZh:
      '实名制卡但不印个人信息，仅具有消费功能；芯片内写入有效期，卡面不标注有效期。二级单位聘用人员按聘用合同确定，合同上没有明确聘用期限的为2年。工本费可由批准办理的校内部门支付或由持卡人支付。',
  },
  {
    code: 'alumni',
    nameZh: '校友卡',
    nameEn: 'Alumni card',
    identity: true,
    realName: true,
    holdersZh: ['由校友总会认定的校友'],
    approvingDepartmentZh: '校友总会',
    requiredDocumentsZh: ['按校友总会规定'],
    bulkDoorAccess: false,
    feeFen: 2000,
    firstCardFree: false,
    closeAfterLeavingDays: null,
    validityRuleZh: '细则未规定校友卡有效期；由校友总会收集并审核资料，统一交由网络信息中心批量办理。',
  },
  {
    code: 'canteen',
    nameZh: '后勤就餐卡',
    nameEn: 'Canteen card',
    identity: false,
    realName: false,
    holdersZh: ['在本校工作学习、生活或消费的其他人员'],
    approvingDepartmentZh: '后勤集团',
    requiredDocumentsZh: ['按后勤集团规定'],
    bulkDoorAccess: false,
    feeFen: 2000,
    firstCardFree: false,
    closeAfterLeavingDays: null,
    validityRuleZh: '匿名卡，仅具有消费功能，按后勤规定收取搭伙费；细则未规定有效期。按照后勤规定在后勤食堂充值点申领。',
  },
];

export const catalogue: Catalogue = { families, departments, windows, services, selfServiceMachines, cardTypes };
