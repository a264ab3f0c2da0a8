/** The Shoebox mark: a box with a photo peeking out (inline SVG, so no font or network is needed). */
export function Logo() {
  return (
    <svg width="26" height="26" viewBox="0 0 32 32" aria-hidden="true">
      <rect x="7" y="3" width="18" height="14" rx="2" fill="#7fb4e6" />
      <path d="M9 15l5-6 4 4 3-3 3 5z" fill="#2f6b3c" />
      <path d="M3 13h26l-2 16H5z" fill="#f0b23c" />
      <path d="M3 13h26l-1 4H4z" fill="#c98b1c" />
    </svg>
  );
}
