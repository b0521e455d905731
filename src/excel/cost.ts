/**
 * What a request to Excel weighs, as office.js writes it (`ClientRequestBase`, the RichApi request
 * body): `{"Actions":[…],"ObjectPaths":{…}}`. Every object the request reaches (`getRange(…)`,
 * `.format`, `.font`, `borders.getItem(…)`) is an object path, sent once per request, with an
 * Instantiate action; every property set or method call is an action naming its arguments. Excel
 * on the web refuses a request body over 5 MB, so the writer counts each call by this model, and
 * the test fake counts what it is sent by the same model.
 */

/** Ids as long as a long session's: office.js numbers every path and action of a context in turn. */
const ID = 1_000_000;

/** UTF-8 bytes of a text: the request travels as UTF-8 JSON. */
export function utf8Bytes(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) n += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1;
  }
  return n;
}

const json = (value: unknown) => utf8Bytes(JSON.stringify(value) ?? 'null');

/** The Instantiate action office.js adds for each object path a request uses. */
const INSTANTIATE = json({ Id: ID, ActionType: 1, Name: '', ObjectPathId: ID }) + 1;

/**
 * An object path with its Instantiate action: a method's result (`getRange("A1")`) with its
 * arguments, or a property's object (`format`) without.
 */
export function pathCost(name: string, args?: unknown[]): number {
  const info = args
    ? { Id: ID, ObjectPathType: 3, Name: name, ParentObjectPathId: ID, ArgumentInfo: { Arguments: args } }
    : { Id: ID, ObjectPathType: 4, Name: name, ParentObjectPathId: ID };
  return json(String(ID)) + 1 + json(info) + 1 + INSTANTIATE;
}

/** A property set (`values = …`) or a method call (`delete()`), with its arguments. */
export function actionCost(name: string, args: unknown[] = []): number {
  return json({ Id: ID, ActionType: 4, Name: name, ObjectPathId: ID, ArgumentInfo: { Arguments: args } }) + 1;
}

/** A property set whose value's JSON size is known already (a large grid, measured once). */
export function setCost(name: string, valueBytes: number): number {
  return actionCost(name, [null]) - 4 + valueBytes;
}

/** The request body around its actions and paths. */
export const REQUEST_FRAME = json({ AutoKeepReference: false, Actions: [], ObjectPaths: {} });
