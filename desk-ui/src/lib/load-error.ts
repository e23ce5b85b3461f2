import { error } from '@sveltejs/kit';
import { ApiError } from './api';

/** Turns an API failure inside a load function into SvelteKit's error page, keeping the API's message and code. */
export function failLoad(err: unknown): never {
  if (err instanceof ApiError) {
    const status = err.status >= 400 && err.status <= 599 ? err.status : 503;
    error(status, { message: err.message, code: err.code });
  }
  throw err;
}
