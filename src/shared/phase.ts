/**
 * What the library is doing, as the status line and the features see it. The app derives it in one place
 * (src/app/core.ts) from what each part reports: the library opening, a model loading, an import running.
 */
export type LibraryPhase = 'opening' | 'empty' | 'loading-models' | 'indexing' | 'ready' | 'error';
