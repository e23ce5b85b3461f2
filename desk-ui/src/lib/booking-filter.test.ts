import { describe, expect, it } from 'vitest';
import { filterServices, NO_FILTER } from './booking-filter';

const services = [
  { id: 1, code: 'w08-household-certificate', nameZh: '开具户籍证明', nameEn: 'Household registration certificate', familyCode: 'household', appointmentEnabled: true },
  { id: 2, code: 'w08-changping-vehicle-pass', nameZh: '昌平校区车辆通行证', nameEn: 'Changping vehicle pass', familyCode: 'household', appointmentEnabled: false },
  { id: 3, code: 'w20-card-report-lost', nameZh: '校园卡挂失', nameEn: 'Report a lost campus card', familyCode: 'card_center', appointmentEnabled: false },
];
const ids = (list: { id: number }[]) => list.map((s) => s.id);

describe('filterServices', () => {
  it('keeps everything with no filter', () => {
    expect(ids(filterServices(services, NO_FILTER))).toEqual([1, 2, 3]);
  });

  it('narrows by family, by booking, and by every word of the search in either name or the code', () => {
    expect(ids(filterServices(services, { ...NO_FILTER, family: 'household' }))).toEqual([1, 2]);
    expect(ids(filterServices(services, { ...NO_FILTER, family: 'household', onlyBookable: true }))).toEqual([1]);
    expect(ids(filterServices(services, { ...NO_FILTER, search: '户籍' }))).toEqual([1]);
    expect(ids(filterServices(services, { ...NO_FILTER, search: ' CARD  lost ' }))).toEqual([3]);
    expect(ids(filterServices(services, { ...NO_FILTER, search: 'w08 pass' }))).toEqual([2]);
    expect(ids(filterServices(services, { ...NO_FILTER, search: 'pass', onlyBookable: true }))).toEqual([]);
  });
});
