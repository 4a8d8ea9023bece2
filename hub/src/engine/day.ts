// Calendar days in the site's time zone: ticket numbers restart and the engine's state begins anew
// at local midnight, whatever the server's own zone is.
const formatters = new Map<string, Intl.DateTimeFormat>();

export function dayOf(at: number, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA formats dates as YYYY-MM-DD.
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  return f.format(at);
}
