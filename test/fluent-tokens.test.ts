/** The pane's stylesheet reads Fluent 2's tokens; the build writes their light and dark values into it. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { webDarkTheme, webLightTheme } from '@fluentui/tokens';
const { usedTokens, withTokens } = require('../scripts/fluent-tokens') as { usedTokens(css: string): string[]; withTokens(css: string): string };

const CSS = path.join(__dirname, '..', 'src', 'taskpane', 'taskpane.css');

/** The declarations of the rule with this selector, as name → value. */
function declarations(css: string, selector: string): Map<string, string> {
  const start = css.indexOf(`${selector}{`);
  if (start < 0) return new Map();
  const body = css.slice(start + selector.length + 1, css.indexOf('}', start));
  return new Map(body.split(';').map((d) => [d.slice(0, d.indexOf(':')), d.slice(d.indexOf(':') + 1)]));
}

test('every token the stylesheet reads gets its light value, its dark value, and the dark value where the system prefers dark', async () => {
  const css = await fs.readFile(CSS, 'utf8');
  const names = usedTokens(css);
  expect(names).toEqual(expect.arrayContaining(['colorBrandBackground', 'colorNeutralForeground1', 'colorNeutralBackground1', 'fontFamilyBase']));
  const built = withTokens(css);
  const light = declarations(built, ':root');
  const dark = declarations(built, ":root[data-theme='dark']");
  const system = declarations(built, ':root:not([data-theme])');
  for (const name of names) {
    const token = name as keyof typeof webLightTheme;
    expect([name, light.get(`--${name}`)]).toEqual([name, String(webLightTheme[token])]);
    expect([name, dark.get(`--${name}`)]).toEqual([name, String(webDarkTheme[token])]);
    expect([name, system.get(`--${name}`)]).toEqual([name, String(webDarkTheme[token])]);
  }
  // Only what is read: the pane's stylesheet does not carry all of Fluent's tokens.
  expect(light.size).toBe(names.length);
  expect(built.endsWith(css)).toBe(true);
});

test('a token Fluent does not have stops the build with its name', () => {
  expect(() => withTokens('a { color: var(--colorBrandBackgroud, #0f6cbd); }')).toThrow(/colorBrandBackgroud/);
});
