import { useEffect, useLayoutEffect, useRef, type RefObject } from 'react';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Makes `ref` a modal dialog while mounted: everything else on the page is inert (no Tab stop, no click, hidden
 * from screen readers), focus moves into it and Tab cycles inside it, and on close focus goes back where it was
 * (`restoreTo` first: the tile of the photo shown last, which may not be the one that opened it).
 * The dialog must be rendered straight into `document.body` (a portal) so its siblings are the rest of the page.
 */
export function useModal(ref: RefObject<HTMLElement | null>, restoreTo: () => HTMLElement | null): void {
  const restore = useRef(restoreTo);
  useLayoutEffect(() => {
    restore.current = restoreTo;
  });
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    let host: HTMLElement = dialog;
    while (host.parentElement && host.parentElement !== document.body) host = host.parentElement;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const made: Element[] = [];
    for (const sibling of document.body.children) {
      if (sibling === host || sibling.hasAttribute('inert') || sibling.tagName === 'SCRIPT') continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
    if (!dialog.contains(document.activeElement)) dialog.focus();

    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Tab') return;
      const stops = [...dialog.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
      if (stops.length === 0) return e.preventDefault();
      const first = stops[0]!;
      const last = stops.at(-1)!;
      const here = document.activeElement;
      if (e.shiftKey && (here === first || here === dialog)) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && here === last) {
        e.preventDefault();
        first.focus();
      }
    };
    // A focused control that goes away (an editor closing) leaves focus on the page: bring it back inside.
    const onFocusOut = (e: FocusEvent) => {
      if (e.relatedTarget) return;
      requestAnimationFrame(() => {
        if (dialog.isConnected && (document.activeElement ?? document.body) === document.body) dialog.focus();
      });
    };
    dialog.addEventListener('keydown', onKey);
    dialog.addEventListener('focusout', onFocusOut);
    return () => {
      dialog.removeEventListener('keydown', onKey);
      dialog.removeEventListener('focusout', onFocusOut);
      for (const el of made) el.removeAttribute('inert');
      const target = restore.current() ?? (opener?.isConnected ? opener : null);
      target?.focus();
    };
  }, [ref]);
}
