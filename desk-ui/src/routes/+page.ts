import { ApiError, listFamilies, type FamilySummary } from '$lib/api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, url, untrack }) => {
  // The search box starts from ?q=. Untracked: typing rewrites ?q= and must not refetch the families.
  const query = untrack(() => url.searchParams.get('q') ?? '');
  // The finder must stay usable when only the family list fails, so that failure is shown inline.
  try {
    return { query, families: await listFamilies({ fetch }), familiesError: null };
  } catch (err) {
    if (!(err instanceof ApiError)) throw err;
    return {
      query,
      families: [] as FamilySummary[],
      familiesError: { code: err.code, message: err.message },
    };
  }
};
