/** How the gallery writes dates: in the user's locale, the day's header and a tile's name for screen readers. */
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const monthFormat = new Intl.DateTimeFormat(undefined, { month: 'short' });
const monthYearFormat = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric' });

export const NO_DATE = 'No date taken';

export function dayTitle(day: number | null): string {
  return day === null ? NO_DATE : dayFormat.format(day);
}

export function monthName(year: number, month: number): string {
  return month < 0 ? NO_DATE : monthFormat.format(new Date(year, month, 1));
}

export function monthYear(year: number, month: number): string {
  return month < 0 ? NO_DATE : monthYearFormat.format(new Date(year, month, 1));
}
