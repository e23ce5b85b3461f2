import { untrack } from 'svelte';
import { ApiError, searchServices, type ServicePage } from './api';

const DEBOUNCE_MS = 150;
export const SEARCH_LIMIT = 50;

type SearchState =
  | { status: 'idle' }
  | { status: 'loading'; previous: ServicePage | null }
  | { status: 'done'; query: string; page: ServicePage }
  | { status: 'error'; error: ApiError };

/**
 * Instant search over the catalogue. Each keystroke restarts a short debounce; the request of an
 * older query is aborted, and its answer is dropped even if it was already on its way, so results
 * never arrive out of order. Construct it during component initialisation (it owns an effect).
 */
export class ServiceSearch {
  query = $state('');
  state = $state<SearchState>({ status: 'idle' });

  /** The results to show: while a new query loads, keep the last ones on screen. */
  readonly page = $derived.by((): ServicePage | null => {
    if (this.state.status === 'done') return this.state.page;
    if (this.state.status === 'loading') return this.state.previous;
    return null;
  });

  constructor(initial: string, onSettled?: (query: string) => void) {
    this.query = initial;
    $effect(() => {
      const q = this.query.trim();
      if (q === '') {
        this.state = { status: 'idle' };
        onSettled?.('');
        return;
      }
      const previous = untrack(() => this.page);
      this.state = { status: 'loading', previous };
      const controller = new AbortController();
      const timer = setTimeout(() => void this.run(q, controller, onSettled), DEBOUNCE_MS);
      return () => {
        clearTimeout(timer);
        controller.abort();
      };
    });
  }

  private async run(q: string, controller: AbortController, onSettled?: (query: string) => void) {
    try {
      const page = await searchServices({ q, limit: SEARCH_LIMIT }, { signal: controller.signal });
      if (controller.signal.aborted) return;
      this.state = { status: 'done', query: q, page };
      onSettled?.(q);
    } catch (err) {
      if (controller.signal.aborted) return;
      this.state = {
        status: 'error',
        error: err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)),
      };
    }
  }
}
