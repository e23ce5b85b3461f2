import type { ResolvedPathname } from '$app/types';

/** A resolved path of this app with a query (and hash) after it: the same page, other parameters. */
export function withSearch(path: ResolvedPathname, params: URLSearchParams, hash = ''): ResolvedPathname {
  const search = params.toString();
  return `${path}${search ? `?${search}` : ''}${hash}` as ResolvedPathname;
}
