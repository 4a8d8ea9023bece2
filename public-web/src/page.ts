import type { PublicConfig } from '@vikno/shared';
import type { Locale } from './locale.js';

/** What every visitors' page gets from the shell (main.tsx): the centre's public config and the visitor's language. */
export interface PageProps {
  config: PublicConfig;
  locale: Locale;
}
