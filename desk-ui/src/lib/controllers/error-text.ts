import type { Params } from '../i18n/translate';
import type { MessageKey } from '../i18n/zh';

/**
 * A controller's last error (the workers write it in English for the logs) as words for the admin
 * page: the kind of failure, never the raw text, which stays in the cell's title.
 */
export function controllerErrorKey(raw: string): { key: MessageKey; params?: Params } {
  if (raw.startsWith('unreachable')) return { key: 'controllers.error.unreachable' };
  if (raw.startsWith('no answer within')) return { key: 'controllers.error.timeout' };
  const http = /^HTTP (\d{3})/.exec(raw);
  if (http) return { key: 'controllers.error.http', params: { status: `HTTP ${http[1]}` } };
  if (raw.startsWith('acknowledgement')) return { key: 'controllers.error.untrusted' };
  if (raw.includes('secret')) return { key: 'controllers.error.secret' };
  return { key: 'controllers.error.other' };
}
