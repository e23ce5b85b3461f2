/** Fifty made-up students S0001 … S0050: deterministic, so tests and docs can rely on them. */

export const DEMO_STUDENTS = ['S0001', 'S0050'] as const;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['子涵', '欣怡', '浩然', '梓萱', '宇轩', '雨桐', '俊杰', '思远', '诗涵', '博文', '一鸣', '佳怡', '晨曦', '明轩', '若溪', '天佑', '嘉怡', '志强', '静怡', '海洋', '书瑶', '建华', '晓东', '婉婷', '泽宇'];
const COLLEGES = [
  '化学工程学院',
  '材料科学与工程学院',
  '机电工程学院',
  '信息科学与技术学院',
  '经济管理学院',
  '数理学院',
  '文法学院',
  '生命科学与技术学院',
];

export interface DemoStudent {
  person: {
    number: string;
    name: string;
    unitName: string;
    className: string;
    idNumberTail: string;
    collectiveHousehold: boolean;
    validUntil: string;
  };
  cardNo: string;
  cardType: 'student' | 'graduate';
  balanceFen: number;
}

/**
 * The first 1 July after `today`: no demo student's card may be past its validity when the demo
 * starts, or the card sweep would expire it (and cut its dorm doors) at once. A student whose
 * expected graduation has passed reads as one whose graduation was postponed (validity extended).
 */
function nextJulyYear(today: Date): number {
  return today.getUTCMonth() >= 6 ? today.getUTCFullYear() + 1 : today.getUTCFullYear();
}

export function demoStudents(today: Date = new Date()): DemoStudent[] {
  const earliest = nextJulyYear(today);
  return Array.from({ length: 50 }, (_, i) => {
    const n = i + 1;
    const entryYear = 2022 + (i % 4);
    const graduate = n > 44;
    const college = COLLEGES[i % COLLEGES.length]!;
    return {
      person: {
        number: `S${String(n).padStart(4, '0')}`,
        name: SURNAMES[i % SURNAMES.length]! + GIVEN[(i * 7) % GIVEN.length]!,
        unitName: college,
        className: `${college.slice(0, 2)}${String(entryYear).slice(2)}0${(i % 3) + 1}班`,
        idNumberTail: String((n * 7919 + 123457) % 1_000_000).padStart(6, '0'),
        // About a third moved their household registration to the university's collective household.
        collectiveHousehold: i % 3 === 0,
        validUntil: `${Math.max(entryYear + (graduate ? 3 : 4), earliest)}-07-01`,
      },
      cardNo: `2${String(entryYear).slice(2)}${String(100000 + n * 37).padStart(6, '0')}`,
      cardType: graduate ? 'graduate' : 'student',
      balanceFen: ((n * 1237) % 20000) + 500,
    };
  });
}
