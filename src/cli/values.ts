// How the CLI's tables show a value: a dash for nothing, ISO 8601 for timestamps, bytes
// with a human form beside them.

/** What an empty cell shows: null, undefined, an empty string or an empty list. */
export const nothing = '—';

const units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/** Bytes with a binary-unit form beside them: `1536 B (1.5 KiB)`; under 1 KiB, `512 B`. */
export function bytes(count: number): string {
  if (Math.abs(count) < 1024) return `${count} B`;
  let value = count / 1024;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${count} B (${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]})`;
}

/** An instant as ISO 8601, in UTC, without milliseconds when they are zero. */
export const iso = (date: Date): string => date.toISOString().replace('.000Z', 'Z');

/** Members that hold Unix seconds (Katapult's `created_at`) and members that hold bytes. */
const unixSeconds = /(^|[._])[a-z]+_at$/;
const byteCount = /(^|[._])(size|bytes)$/i;

/** A cell's text; `name` is the member's name, which says what a number means. */
export function cell(value: unknown, name = ''): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return nothing;
  if (Array.isArray(value)) return value.map((item) => cell(item)).join(', ');
  if (typeof value === 'number' && unixSeconds.test(name)) return iso(new Date(value * 1000));
  if (typeof value === 'number' && byteCount.test(name)) return bytes(value);
  // Captain's date-times: the same form as the others, without zero milliseconds.
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/.test(value)) return value.replace('.000Z', 'Z');
  return String(value);
}

/** A value as a shell reads it back, for flags the CLI suggests: as it is when it is
 * plain, else in single quotes (a `'` in it closed, escaped and reopened). */
export const shellQuote = (value: string): string => (/^[\w./:@%+=,-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`);
