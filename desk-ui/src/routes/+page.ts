import { ApiError, listFamilies, type FamilySummary } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  // The finder must stay usable when only the family list fails, so that failure is shown inline.
  try {
    return { families: await listFamilies({ fetch }), familiesError: null };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return { families: [] as FamilySummary[], familiesError: { code: err.code, message: err.message } };
  }
};
