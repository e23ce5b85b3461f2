import { describe, expect, it } from 'vitest';
import { changedReserveServices } from './booking-settings.ts';

describe('changedReserveServices', () => {
  const hall = { serviceId: null, dayPart: 'morning' as const, seats: 1 };
  const own = { serviceId: 7, dayPart: 'afternoon' as const, seats: 2 };

  it('names the services whose own reserve was added, changed or removed', () => {
    expect(changedReserveServices([], [own])).toEqual([7]);
    expect(changedReserveServices([own], [{ ...own, seats: 3 }])).toEqual([7]);
    expect(changedReserveServices([own, { ...own, serviceId: 9 }], [own])).toEqual([9]);
  });

  it('is nothing when nothing changed, and every service (null) when the hall’s default did', () => {
    expect(changedReserveServices([hall, own], [own, hall])).toEqual([]);
    expect(changedReserveServices([hall], [{ ...hall, seats: 2 }])).toBeNull();
    expect(changedReserveServices([hall, own], [own])).toBeNull();
  });
});
