/** What went wrong, as text a person can read: an Error's message, anything else as it prints. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
