/**
 * Office's theme, dark too: the stylesheet's Fluent tokens (written into it at build time) switch to
 * the dark ones when Office's body background is dark (or, in a plain browser, when the system
 * prefers dark), and are the light ones otherwise.
 */

/** Whether a colour (`#rrggbb` or `#rgb`) is dark: its relative luminance below the middle grey's. */
export function isDark(colour: string | undefined): boolean | null {
  const hex = colour?.trim().replace(/^#/, '') ?? '';
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.18;
}

function officeBackground(): string | undefined {
  try {
    return typeof Office !== 'undefined' ? Office.context?.officeTheme?.bodyBackgroundColor : undefined;
  } catch {
    return undefined; // officeTheme is not offered by every host
  }
}

function apply(dark: boolean): void {
  document.documentElement.dataset.theme = dark ? 'dark' : 'light';
}

let following = false;
/** Set once Office has given its theme: the system's changes no longer apply. */
let officeDecides = false;

/** Follows Office's theme where Office gives one, else the system's, and the system's changes. */
export function followTheme(): void {
  const fromOffice = isDark(officeBackground());
  if (fromOffice !== null) {
    officeDecides = true;
    return apply(fromOffice);
  }
  const query = typeof matchMedia === 'function' ? matchMedia('(prefers-color-scheme: dark)') : null;
  apply(!!query?.matches);
  // Listened to once, though this runs again when Office is ready.
  if (query && !following) query.addEventListener('change', (e) => officeDecides || apply(e.matches));
  following = true;
}
