/** Follows a local `$ref` (`#/components/...`) in a bundled spec to the node it names. */
export function resolve(doc, node) {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref.slice(2).split('/').reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}

/** The member names an object schema describes, at its top or in the branches of its
 * union (a lookup describes each of its members in the branch that holds it). */
export const memberNames = (schema) =>
  [...new Set([schema, ...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])].flatMap((part) => Object.keys(part?.properties ?? {})))];
