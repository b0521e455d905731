/**
 * Fluent 2's design tokens for the pane's stylesheet, written into it when the add-in is built: the
 * tokens it uses, as CSS custom properties, light by default and dark where the page says so (or,
 * before the pane's script has run, where the system prefers dark). The pane needs no script for
 * its look, and shows its theme from the first paint.
 */
const { webDarkTheme, webLightTheme } = require('@fluentui/tokens');

/** The token names a stylesheet reads through `var(--name`, in order of first use. */
function usedTokens(css) {
  return [...new Set(Array.from(css.matchAll(/var\(--([A-Za-z][A-Za-z0-9]*)/g), (m) => m[1]))];
}

function rule(selector, theme, names) {
  return `${selector}{${names.map((name) => `--${name}:${theme[name]}`).join(';')}}`;
}

/** The stylesheet with the token rules before it; a token Fluent does not have is an error. */
function withTokens(css) {
  const names = usedTokens(css);
  const unknown = names.filter((name) => !(name in webLightTheme) || !(name in webDarkTheme));
  if (unknown.length) throw new Error(`taskpane.css reads tokens Fluent 2 does not have: ${unknown.join(', ')}`);
  return [
    '/* Fluent 2 design tokens (@fluentui/tokens), written at build time. */',
    rule(':root', webLightTheme, names),
    rule(":root[data-theme='dark']", webDarkTheme, names),
    `@media (prefers-color-scheme: dark){${rule(':root:not([data-theme])', webDarkTheme, names)}}`,
    css,
  ].join('\n');
}

module.exports = { usedTokens, withTokens };
