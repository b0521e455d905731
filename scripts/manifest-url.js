/* The manifest names https://localhost:3000/ for development; a production build points it at the deployed base URL. */
'use strict';

const DEV_URL = 'https://localhost:3000/';

/** The manifest with every development URL rewritten to `baseUrl` (which must be https). */
function manifestForBase(xml, baseUrl) {
  if (!baseUrl || baseUrl === DEV_URL) return xml;
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error(`The add-in base URL must be https: ${baseUrl}`);
  const base = url.href.endsWith('/') ? url.href : `${url.href}/`;
  return xml.split(DEV_URL).join(base);
}

module.exports = { DEV_URL, manifestForBase };
