/**
 * The one CSV writer (RFC 4180, CRLF). File names, captions and labels are untrusted text: a cell a spreadsheet
 * would run as a formula ("=cmd|...", "+", "-", "@", tab, CR) is defused with a leading "'". Numbers are written
 * as they are (a negative number is not a formula).
 */
export function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/u.test(value) ? `'${value}` : value;
  return /[",\r\n]/u.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows of cells to one CSV document, a header row first when given. */
export function csvFormat(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
