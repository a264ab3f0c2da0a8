// Types for the parts of report.mjs that tests import (the runner itself is plain JavaScript).

/** What the smoke run insists on; one line per problem, none when the run is sound. */
export function checkSmoke(results: unknown, expected: { photos: number; libraryPhotos: number }): string[];
