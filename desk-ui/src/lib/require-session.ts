import { redirect } from '@sveltejs/kit';
import type { Me } from './api';
import { failLoad } from './load-error';
import { loginUrl, session } from './session.svelte';

/**
 * For the load function of a page behind the sign-in: the signed-in person, or a redirect to the
 * sign-in page (saying so when the session expired) that comes back here afterwards.
 */
export async function requireSession(url: URL): Promise<Me> {
  const me = await session.load({ verify: true });
  if (me) return me;
  if (session.error) failLoad(session.error);
  redirect(307, loginUrl(url.pathname + url.search, session.expired ? 'expired' : undefined));
}
