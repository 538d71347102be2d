// The CLI's tables, laid out for where they go.
//
// On a terminal (stdout is a TTY), output fits its width (its columns, 80 when it does
// not say). A listing's widest columns are cut first, with an ellipsis (…); the first
// column (what names the row), IDs, and values of a fixed form such as timestamps are
// kept whole while they can be, and no column is cut below 10 characters. When the
// columns cannot fit even so, each row is shown as a block of `name  value` lines (long
// values wrapped), one block a record, separated by a blank line, as `gh` and `kubectl` do. A single record's
// `field  value` table wraps its long values rather than cut them (a presigned URL or a
// secret is whole, over several lines), and cuts a long field name at its start. When
// values were cut or wrapped, a note on stderr says that `| cat` or `--json` gives them
// whole.
//
// Piped or redirected (not a TTY), the output is the plain table: a header, a rule of
// dashes, and the columns padded with spaces, two between columns, every value whole
// and on one line, never cut and never wrapped, whatever the width of the rows, so that
// `grep`, `awk` and `cut` read it. `--json` gives the data itself.

/** Spaces between columns. */
const gap = 2;
/** The narrowest a cut column gets, in a listing: narrower, the records are shown apart. */
const narrowest = 10;
/** The narrowest a field name gets, in a record's `field  value` lines. */
const narrowestName = 10;
const ellipsis = '…';

/** Terminal columns a character takes: 2 for wide East Asian characters and emoji, 0
 * for combining marks, else 1. */
function charWidth(point: number): number {
  if ((point >= 0x300 && point <= 0x36f) || (point >= 0x200b && point <= 0x200f) || (point >= 0xfe00 && point <= 0xfe0f)) return 0;
  const wide =
    (point >= 0x1100 && point <= 0x115f) ||
    (point >= 0x2e80 && point <= 0xa4cf && point !== 0x303f) ||
    (point >= 0xac00 && point <= 0xd7a3) ||
    (point >= 0xf900 && point <= 0xfaff) ||
    (point >= 0xfe30 && point <= 0xfe4f) ||
    (point >= 0xff00 && point <= 0xff60) ||
    (point >= 0xffe0 && point <= 0xffe6) ||
    (point >= 0x1f300 && point <= 0x1f64f) ||
    (point >= 0x1f900 && point <= 0x1f9ff) ||
    (point >= 0x20000 && point <= 0x3fffd);
  return wide ? 2 : 1;
}

/** The columns a text takes on a terminal. */
export function widthOf(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char.codePointAt(0)!);
  return width;
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - widthOf(text)));

/** The first characters of `text` that fit in `width` columns, and the rest. */
function split(text: string, width: number): [string, string] {
  let used = 0;
  let at = 0;
  for (const char of text) {
    const next = charWidth(char.codePointAt(0)!);
    if (used + next > width) break;
    used += next;
    at += char.length;
  }
  return [text.slice(0, at), text.slice(at)];
}

/** `text` in at most `width` columns: cut at its end with an ellipsis when it is longer. */
export function cutEnd(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  return `${split(text, width - 1)[0]}${ellipsis}`;
}

/** `text` in at most `width` columns, cut at its start: a dotted name keeps its last,
 * most telling part (`…country.time_zone`). */
function cutStart(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  const chars = [...text];
  let kept = '';
  while (chars.length > 0 && widthOf(chars.at(-1)! + kept) <= width - 1) kept = chars.pop()! + kept;
  return `${ellipsis}${kept}`;
}

/** `text` as lines of at most `width` columns: broken after a space where there is one,
 * else where the width runs out. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let rest = text;
  while (widthOf(rest) > width) {
    const [fits, after] = split(rest, width);
    // A character wider than the whole line goes on a line of its own.
    const first = String.fromCodePoint(rest.codePointAt(0)!);
    const [head, tail] = fits === '' ? [first, rest.slice(first.length)] : [fits, after];
    const space = head.lastIndexOf(' ');
    // Broken at the space when there is one past the line's start; the space itself goes.
    if (space > 0) {
      lines.push(head.slice(0, space));
      rest = (head.slice(space + 1) + tail).trimStart();
    } else {
      lines.push(head);
      rest = tail;
    }
  }
  if (rest !== '' || lines.length === 0) lines.push(rest);
  return lines;
}

/** The width to fit output to: the terminal's columns when `stream` is a terminal (80
 * when it does not say), or undefined when it is not one (piped: nothing is fitted). */
export function terminalWidth(stream: NodeJS.WritableStream): number | undefined {
  const terminal = stream as NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  if (terminal.isTTY !== true) return undefined;
  return terminal.columns && terminal.columns > 0 ? terminal.columns : 80;
}

/** An ID: no use cut. */
const isId = (name: string) => name === 'id' || /(_id|Id|ID)$/.test(name);

const sum = (numbers: readonly number[]) => numbers.reduce((total, number) => total + number, 0);

interface Column {
  readonly name: string;
  /** Its width with every cell whole, its header's included. */
  readonly natural: number;
  /** Its widest value. */
  readonly values: number;
  /** Every value the same width: a fixed form such as a timestamp or a GUID. */
  readonly fixed: boolean;
}

/**
 * Column widths that fit `width`, or undefined when the columns cannot fit. Some columns
 * are kept whole (their header may still be cut to {@link narrowest}): first the row's
 * name (the first column), the IDs and the values of a fixed form (timestamps, GUIDs),
 * and when those cannot all be kept, the first column and the IDs. The others give way,
 * the widest first, down to {@link narrowest}. When even that does not fit, there is no
 * table that can be read: undefined.
 */
function fitted(columns: readonly Column[], width: number): number[] | undefined {
  const room = width - gap * (columns.length - 1);
  const natural = columns.map((column) => column.natural);
  if (sum(natural) <= room) return natural;
  const keptFirst = [(column: Column, n: number) => n === 0 || isId(column.name) || column.fixed, (column: Column, n: number) => n === 0 || isId(column.name)];
  for (const kept of keptFirst) {
    const floors = columns.map((column, n) => (kept(column, n) ? Math.min(column.natural, Math.max(column.values, narrowest)) : Math.min(column.natural, narrowest)));
    if (sum(floors) > room) continue;
    const capped = (cap: number) => natural.map((own, n) => Math.min(own, Math.max(floors[n]!, cap)));
    let cap = Math.max(...natural);
    while (sum(capped(cap)) > room) cap -= 1;
    const widths = capped(cap);
    // What the cap leaves over goes to the cut columns, a character each, the most cut first.
    const cut = widths.map((_, n) => n).filter((n) => widths[n]! < natural[n]!);
    cut.sort((a, b) => natural[b]! - widths[b]! - (natural[a]! - widths[a]!));
    for (const n of cut.slice(0, room - sum(widths))) widths[n]! += 1;
    return widths;
  }
  return undefined;
}

/** Rows as padded columns, the last one not padded. */
const lines = (rows: readonly (readonly string[])[], widths: readonly number[]) =>
  rows.map((texts) => texts.map((text, n) => (n === texts.length - 1 ? text : pad(text, widths[n]!))).join(' '.repeat(gap)).trimEnd());

/** Text laid out for where it goes, and whether fitting it to a terminal cut values or
 * wrapped them onto more lines. */
export interface Laid {
  readonly text: string;
  readonly cut: boolean;
  readonly wrapped: boolean;
}

const none: Laid = { text: '(none)\n', cut: false, wrapped: false };

/**
 * A table: a header, a rule and padded columns. Without `width` (not a terminal), every
 * cell whole; with it, the table fits: cells cut with an ellipsis, or each row shown as
 * a record of `name  value` lines when the columns cannot fit.
 */
export function renderTable(names: readonly string[], cells: readonly (readonly string[])[], width?: number): Laid {
  if (cells.length === 0) return none;
  const columns = names.map((name, n): Column => {
    const values = cells.map((row) => widthOf(row[n]!));
    const widest = Math.max(...values);
    return { name, natural: Math.max(widthOf(name), widest), values: widest, fixed: values.every((value) => value === widest) };
  });
  const widths = width === undefined ? columns.map((column) => column.natural) : fitted(columns, width);
  if (!widths) {
    const records = cells.map((row) => fieldLines(names.map((name, n) => [name, row[n]!]), width!));
    return { text: `${records.map((record) => record.lines.join('\n')).join('\n\n')}\n`, cut: false, wrapped: records.some((record) => record.wrapped) };
  }
  const fit = (texts: readonly string[]) => texts.map((text, n) => cutEnd(text, widths[n]!));
  const text = `${lines([fit(names), widths.map((w) => '-'.repeat(w)), ...cells.map(fit)], widths).join('\n')}\n`;
  return { text, cut: columns.some((column, n) => column.values > widths[n]!), wrapped: false };
}

/**
 * A record's fields as `name  value` lines. With `width`, the lines fit: a long value
 * wraps onto lines of its own under the value column, and a long name is cut at its
 * start where the values would otherwise keep less than a third of the width (20
 * columns at least), or than they need.
 */
function fieldLines(pairs: readonly (readonly [string, string])[], width?: number, header?: readonly [string, string]): { lines: string[]; wrapped: boolean } {
  const all = header ? [header, ...pairs] : pairs;
  const names = Math.max(...all.map(([name]) => widthOf(name)));
  const values = Math.max(...all.map(([, value]) => widthOf(value)));
  if (width === undefined || names + gap + values <= width) {
    const rows = header ? [header, ['-'.repeat(names), '-'.repeat(values)] as const, ...pairs] : pairs;
    return { lines: lines(rows, [names, values]), wrapped: false };
  }
  const nameWidth = Math.min(names, Math.max(narrowestName, width - gap - Math.min(values, Math.max(20, Math.floor(width / 3)))));
  const valueWidth = Math.max(1, width - gap - nameWidth);
  const rows = pairs.flatMap(([name, value]) => wrap(value, valueWidth).map((part, n) => [n === 0 ? cutStart(name, nameWidth) : '', part] as const));
  const top = header ? [[cutStart(header[0], nameWidth), cutEnd(header[1], valueWidth)] as const, ['-'.repeat(nameWidth), '-'.repeat(Math.min(values, valueWidth))] as const] : [];
  return { lines: lines([...top, ...rows], [nameWidth, valueWidth]), wrapped: values > valueWidth };
}

/** One record as a `field  value` table with a header and a rule; fitted to `width` when
 * given, as {@link fieldLines} says. */
export function renderFields(pairs: readonly (readonly [string, string])[], width?: number): Laid {
  if (pairs.length === 0) return none;
  const { lines: text, wrapped } = fieldLines(pairs, width, ['field', 'value']);
  return { text: `${text.join('\n')}\n`, cut: false, wrapped };
}

/** A line for stderr when fitting to the terminal cut or wrapped values: where to get them whole. */
export function fitNote({ cut, wrapped }: Laid): string | undefined {
  if (cut) return 'note: values cut to fit the terminal; | cat or --json shows them whole';
  if (wrapped) return 'note: values wrapped to fit the terminal; | cat or --json keeps each on a line';
  return undefined;
}
