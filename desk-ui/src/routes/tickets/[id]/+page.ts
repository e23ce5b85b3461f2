import { error } from '@sveltejs/kit';
import type { PageLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page reads the ticket itself (and keeps reading it), so a missing one can say how to sign in. */
export const load: PageLoad = ({ params }) => {
  if (!UUID.test(params.id)) error(404, { message: 'ticket not found', code: 'ticket_not_found' });
  return { id: params.id.toLowerCase() };
};
