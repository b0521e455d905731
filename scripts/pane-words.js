/**
 * The pane's words written into its page when the add-in is built, in the page's own language
 * (Danish): the page shows labelled headings and buttons from its first paint, while Office.js
 * loads, instead of empty ones until the pane's script has run. The script then puts each word in
 * the user's language, and changes nothing where it is already so.
 */

const { loadSource } = require('./source');

/** Elements with a `data-ui` key and nothing inside, quoted or not (the built page is minified). */
const EMPTY_WORD = /(<([a-z][a-z0-9-]*)\b[^>]*?\sdata-ui="?([A-Za-z]+)"?[^>]*>)(<\/\2>)/g;

const escapeHtml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The page with each empty `data-ui` element given its word; a key without a word is an error. */
function withWords(html, words) {
  return html.replace(EMPTY_WORD, (_, open, _tag, key, close) => {
    if (typeof words[key] !== 'string') throw new Error(`taskpane.html names a word the language pack does not have: ${key}`);
    return open + escapeHtml(words[key]) + close;
  });
}

/** The Danish pane words, from the language pack's source as it is now (a watch rebuild sees an edit). */
function danishWords() {
  return loadSource('../src/i18n/da.ts').da.ui;
}

module.exports = { withWords, danishWords };
