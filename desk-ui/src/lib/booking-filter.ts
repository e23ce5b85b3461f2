/** The admin's booking settings list, narrowed: a window family, words of a name or code, only those taking bookings. */

export interface BookingFilter {
  /** A family code; '' for every family. */
  family: string;
  search: string;
  onlyBookable: boolean;
}

interface Filterable {
  code: string;
  nameZh: string;
  nameEn: string;
  familyCode: string;
  appointmentEnabled: boolean;
}

export const NO_FILTER: BookingFilter = { family: '', search: '', onlyBookable: false };

/** Every word of the search must be in the Chinese or English name or the code (case and spaces aside). */
export function filterServices<T extends Filterable>(services: readonly T[], filter: BookingFilter): T[] {
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  return services.filter((s) => {
    if (filter.family && s.familyCode !== filter.family) return false;
    if (filter.onlyBookable && !s.appointmentEnabled) return false;
    const text = `${s.nameZh} ${s.nameEn} ${s.code}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
}
