// What the admin pages say when a call to the hub fails.
import type { Locale } from '@vikno/shared/browser';
import { ApiError } from './api.js';

/** A failed call in the page's language; the hub's own words only where it has no better. */
export function failure(locale: Locale, error: unknown): string {
  if (!(error instanceof ApiError)) return locale.t('admin.failed', { error: String(error) });
  if (error.status === 401) return locale.t('admin.sessionEnded');
  if (error.status === 403) return locale.t('admin.adminOnly');
  if (error.status === 503) return locale.t('admin.hubStarting');
  return error.message;
}
