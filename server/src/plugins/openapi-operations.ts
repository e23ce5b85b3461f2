import type { Access } from '../common/access.ts';

/** The security requirement that says what an access rule says: no credentials, a session cookie, a device token, or either. */
export function securityOf(access: Access): Record<string, string[]>[] {
  if ('public' in access) return [];
  if ('signedIn' in access || 'clerkOfWindowParam' in access) return [{ session: [] }];
  const schemes: Record<string, string[]>[] = [];
  if (access.roles?.length) schemes.push({ session: [] });
  if (access.devices?.length) schemes.push({ device: [] });
  return schemes;
}

/**
 * A stable operationId from the method and the path, so the generated client's names change only
 * when the route does: `POST /api/windows/:id/call-next` → `postWindowsByIdCallNext`.
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .replace(/^\/api(?=\/|$)/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^[:{]([^}]+)}?$/.exec(segment);
      return param ? `by-${param[1]!}` : segment;
    })
    .flatMap((segment) => segment.split(/[-_.]/))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1));
  return method.toLowerCase() + words.join('');
}
