/** Follows a local `$ref` (`#/components/...`) in a bundled spec to the node it names. */
export function resolve(doc, node) {
  while (node && typeof node.$ref === 'string') {
    node = node.$ref.slice(2).split('/').reduce((at, key) => at[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  }
  return node;
}
