// Imported first by each browser app (its main.tsx), before any schema is made: zod would otherwise
// try `new Function` to compile its fast parsers, which the hub's Content-Security-Policy refuses (and
// Chromium reports as a violation). Parsing without it is what zod falls back to anyway.
import { config } from 'zod';

config({ jitless: true });
