import { describe, expect, it } from 'vitest';
import { catalogue } from '@campus/db/seed';
import { useTestApp } from '../../../test-support/app.ts';
import { readSeedDocument } from '../../../test-support/seed-document.ts';

const ctx = useTestApp();

interface ListBody {
  total: number;
  items: { id: number; code: string; nameZh: string; windows: number[]; keywords: string[] }[];
}
const search = async (q: string) => {
  const res = await ctx.app.inject({ url: '/api/services', query: { q } });
  expect(res.statusCode).toBe(200);
  return res.json<ListBody>();
};

describe('the seeded catalogue matches the seed document', () => {
  const doc = readSeedDocument();

  it('has every window of the document', async () => {
    const expected = doc.windows.flatMap((w) => w.numbers).sort((a, b) => a - b);
    expect(expected).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 12, 14, 15, 17, 20, 21, 22, 23, 24, 25]);
    const res = await ctx.app.inject('/api/windows');
    expect(res.json<{ windows: { number: number }[] }>().windows.map((w) => w.number)).toEqual(expected);
  });

  it('has every numbered service of every window section', async () => {
    const body = (await ctx.app.inject({ url: '/api/services', query: { limit: '200' } })).json<ListBody>();
    expect(body.total).toBe(doc.windows.reduce((n, w) => n + w.serviceCount, 0));
    for (const section of doc.windows) {
      const served = body.items.filter((s) => s.windows.join() === section.numbers.join());
      expect(served.length, `services of window(s) ${section.numbers.join('/')}`).toBe(section.serviceCount);
    }
  });

  it('lists every form the document names as a material of that window', async () => {
    const rows = await ctx.app.pg.sql<{ number: number; name: string }[]>`
      select w.number, m.name_zh as name from service_materials m
      join service_windows sw on sw.service_id = m.service_id join windows w on w.id = sw.window_id`;
    const seedMaterials = catalogue.services.reduce((n, s) => n + s.materials.length, 0);
    const total = await ctx.app.pg.sql<{ n: number }[]>`select count(*)::int as n from service_materials`;
    expect(total[0]!.n).toBe(seedMaterials);
    for (const section of doc.windows) {
      for (const form of section.namedForms) {
        const found = rows.some((r) => section.numbers.includes(r.number) && r.name.includes(form));
        expect(found, `《${form}》 at window ${section.numbers.join('/')}`).toBe(true);
      }
    }
  });

  it('lists the self-service machines as information', async () => {
    const body = (await ctx.app.inject('/api/self-service-machines')).json<{ machines: { nameZh: string }[] }>();
    expect(body.machines.map((m) => m.nameZh)).toEqual(doc.machines);
  });
});

describe('Chinese keyword search', () => {
  it('q=身份证 finds the ID-card letters at window 8 first', async () => {
    const body = await search('身份证');
    const top = body.items.slice(0, 4);
    expect(top.every((s) => s.windows.includes(8))).toBe(true);
    expect(top.map((s) => s.code).sort()).toEqual([
      'w08-expired-id-card-letter',
      'w08-first-id-card-in-beijing-letter',
      'w08-id-card-loss-letter',
      'w08-id-card-outside-home-area',
    ].sort());
  });

  it('q=补办 finds the campus-card and student-ID replacement first', async () => {
    const body = await search('补办');
    const top2 = body.items.slice(0, 2).map((s) => s.nameZh);
    expect(top2).toContainEqual(expect.stringContaining('学生证补办'));
    expect(top2).toContainEqual(expect.stringContaining('校园卡补卡'));
  });

  it('q=挂失 finds report-lost first', async () => {
    const body = await search('挂失');
    expect(body.items[0]!.nameZh).toContain('挂失');
    expect(body.items[0]!.windows).toEqual([20, 22, 23]);
  });

  it('ranks exact keyword hits above substring hits', async () => {
    // 身份证 is a substring of the loss letter's name but a keyword of all four ID-card letter services.
    const body = await search('身份证');
    const firstNonKeyword = body.items.findIndex((s) => !s.keywords.includes('身份证'));
    const lastKeyword = body.items.map((s) => s.keywords.includes('身份证')).lastIndexOf(true);
    expect(firstNonKeyword === -1 || lastKeyword < firstNonKeyword).toBe(true);
  });

  it('requires every term of a multi-word query', async () => {
    const both = await search('校园卡 挂失');
    expect(both.items.length).toBeGreaterThan(0);
    expect(both.items.every((s) => s.windows.some((w) => w >= 20))).toBe(true);
    expect((await search('挂失 车证')).total).toBe(0);
  });

  it('finds services by window number and by English name', async () => {
    const byWindow = await search('24');
    expect(byWindow.items[0]!.windows).toEqual([24]);
    const english = await search('vehicle pass');
    expect(english.items[0]!.code).toBe('w08-changping-vehicle-pass');
  });

  it('filters by family and window, and pages with a stable total', async () => {
    const res = await ctx.app.inject({ url: '/api/services', query: { family: 'card_center' } });
    const body = res.json<ListBody>();
    expect(body.items.every((s) => s.windows.every((w) => [20, 21, 22, 23, 25].includes(w)))).toBe(true);
    const page2 = (await ctx.app.inject({ url: '/api/services', query: { window: '14', limit: '10', offset: '10' } })).json<ListBody>();
    expect(page2.total).toBe(30);
    expect(page2.items).toHaveLength(10);
    const past = (await ctx.app.inject({ url: '/api/services', query: { window: '14', offset: '500' } })).json<ListBody>();
    expect(past).toEqual({ total: 30, items: [] });
  });
});

describe('GET /api/services/:id', () => {
  it('groups materials by applicant type and returns steps, fee, hours and windows', async () => {
    const { items } = await search('借用户籍卡');
    const res = await ctx.app.inject(`/api/services/${items[0]!.id}`);
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.nameZh).toBe('办理借用户籍卡原件');
    expect(s.materials.student.map((m: { nameZh: string }) => m.nameZh)).toEqual(['《北京化工大学借用户籍卡申请表（学生用）》']);
    expect(s.materials.student[0].formUrl).toMatch(/^https:\/\/security\.buct\.edu\.cn\/.+\.doc$/);
    expect(s.materials.staff.map((m: { nameZh: string }) => m.nameZh)).toEqual(['校园卡', '身份证']);
    expect(s.steps.filter((st: { applicantType: string }) => st.applicantType === 'student')).toHaveLength(3);
    expect(s.windows.map((w: { number: number }) => w.number)).toEqual([8]);
    expect(s.windows[0].hours).toContainEqual({ weekday: 5, opens: '09:00', closes: '12:00' });
    expect(s.department.nameZh).toContain('保卫处');
  });

  it('carries fees in integer fen and the online alternative', async () => {
    const card = (await search('补卡')).items.find((s) => s.windows.includes(21))!;
    const detail = (await ctx.app.inject(`/api/services/${card.id}`)).json();
    expect(detail.feeFen).toBe(2000);
    const vehicle = (await search('车证')).items[0]!;
    expect((await ctx.app.inject(`/api/services/${vehicle.id}`)).json().feeFen).toBe(30000);
    const lost = (await search('挂失')).items[0]!;
    const lostDetail = (await ctx.app.inject(`/api/services/${lost.id}`)).json();
    expect(lostDetail.onlineAlternative.textZh).toContain('企业微信');
  });

  it('sends only declared fields', async () => {
    const { items } = await search('挂失');
    const body = (await ctx.app.inject(`/api/services/${items[0]!.id}`)).json();
    expect(body).not.toHaveProperty('searchText');
    expect(body).not.toHaveProperty('dailyCap');
  });
});

describe('GET /api/windows', () => {
  it('reports each window open or closed with the next opening in the hall zone', async () => {
    const body = (await ctx.app.inject('/api/windows')).json<{
      timeZone: string;
      windows: { number: number; open: boolean; nextOpensAt: string | null; closesAt: string | null; hours: unknown[] }[];
    }>();
    expect(body.timeZone).toBe('Asia/Shanghai');
    for (const w of body.windows) {
      if (w.open) expect(w.closesAt).toMatch(/\+08:00$/);
      else if (w.hours.length > 0) expect(w.nextOpensAt).toMatch(/T\d\d:00:00\+08:00$/);
    }
    const seven = body.windows.find((w) => w.number === 7)!;
    expect(seven).toMatchObject({ open: false, nextOpensAt: null, hours: [] });
    const twelve = body.windows.find((w) => w.number === 12)!;
    expect(twelve.hours).toEqual([{ weekday: 4, opens: '14:00', closes: '17:00' }]);
  });

  it('honours a dated closure of the whole hall', async () => {
    const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    await ctx.app.pg.sql`insert into window_closures (window_id, starts_on, ends_on, reason_zh)
      values (null, ${today}, (${today}::date + 20), '测试闭馆')`;
    try {
      // Written by hand, as an admin might: the list's cache hears of it once the insert commits.
      const read = async () => (await ctx.app.inject('/api/windows')).json<{ windows: { open: boolean; nextOpensAt: string | null }[] }>();
      const after = new Date(Date.parse(`${today}T00:00:00+08:00`) + 21 * 86400_000);
      const honoured = (body: Awaited<ReturnType<typeof read>>) =>
        body.windows.every((w) => !w.open && (!w.nextOpensAt || Date.parse(w.nextOpensAt) >= after.getTime()));
      await expect.poll(async () => honoured(await read()), { timeout: 3000 }).toBe(true);
      const body = await read();
      expect(body.windows.every((w) => !w.open)).toBe(true);
      for (const w of body.windows) if (w.nextOpensAt) expect(Date.parse(w.nextOpensAt)).toBeGreaterThanOrEqual(after.getTime());
    } finally {
      await ctx.app.pg.sql`delete from window_closures where reason_zh = '测试闭馆'`;
    }
  });
});

describe('GET /api/families', () => {
  it('lists the families with their windows and service counts', async () => {
    const { families } = (await ctx.app.inject('/api/families')).json<{
      families: { code: string; ticketPrefix: string; windows: number[]; serviceCount: number }[];
    }>();
    expect(families.map((f) => f.code)).toContain('household');
    const household = families.find((f) => f.code === 'household')!;
    expect(household).toMatchObject({ ticketPrefix: 'H', windows: [8], serviceCount: 8 });
    expect(families.reduce((n, f) => n + f.serviceCount, 0)).toBe(catalogue.services.length);
  });
});
