/**
 * The help pages, one a language pack: each built from src/help/help.<code>.html, served as the
 * pack's `helpPage`, with its links to the other languages' pages written in when the add-in is
 * built, so a new language's page is linked from every other without editing them.
 */
const { loadSource } = require('./source');

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Every language pack (src/i18n), in the registry's order. */
const languagePacks = () => Object.values(loadSource('../src/i18n/index.ts').LANGUAGES);

/** Each pack's help page: its source, its name as served, and its `<link rel="alternate">`s and language menu. */
function helpPages(packs = languagePacks()) {
  return packs.map((page) => {
    const others = packs.filter((p) => p !== page);
    const link = (p) => `<a href="${p.helpPage}" lang="${p.code}" hreflang="${p.code}">${escapeHtml(p.name)}</a>`;
    return {
      code: page.code,
      template: `./src/help/help.${page.code}.html`,
      filename: page.helpPage,
      alternates: others.map((p) => `<link rel="alternate" hreflang="${p.code}" href="${p.helpPage}" />`).join('\n    '),
      nav: `<nav aria-label="${escapeHtml(page.ui.language)}">${packs.map((p) => (p === page ? `<strong>${escapeHtml(p.name)}</strong>` : link(p))).join(' · ')}</nav>`,
    };
  });
}

module.exports = { helpPages };
