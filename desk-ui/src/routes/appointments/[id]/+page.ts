import { getAppointment } from '$lib/api';
import { failLoad } from '$lib/load-error';
import { requireSession } from '$lib/require-session';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch, url }) => {
  const me = await requireSession(url);
  const appointment = await getAppointment(params.id, { fetch }).catch(failLoad);
  return { me, appointment, justBooked: url.searchParams.has('booked') };
};
