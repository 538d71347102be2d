// The bundle as Prism 5.14 is given it. Prism reads a deepObject query parameter
// (`organization[id]=…`) into an object holding every member its schema names, the ones
// the query left out as `undefined`, and then checks it: a closed branch of a union
// (`{ id }` with `additionalProperties: false`) refuses that undefined `sub_domain`, so a
// valid lookup would be answered 400. In Prism's copy each closed branch also names the
// members it leaves out as `not: {}`, which no JSON value matches and an undefined one
// passes: the same rule for every request that can be sent, and one Prism can apply.
// Prism also reads such a query only by the members the top of the schema names, so the
// copy names there, as anything, the members the spec describes in the branches.
import { memberNames, resolve, type Json } from './codegen/spec.js';

/** A copy of `doc` with the closed branches of its deepObject parameters' unions opened up
 * as described above; `doc` itself is left as it is. */
export function forPrism(doc: Json): Json {
  const copy = structuredClone(doc);
  const seen = new Set<unknown>();
  for (const item of Object.values<Json>(copy.paths ?? {})) {
    for (const operation of [item, ...Object.values<Json>(item)]) {
      for (const node of operation?.parameters ?? []) {
        const parameter = resolve(copy, node);
        if (parameter.in !== 'query' || parameter.style !== 'deepObject') continue;
        const schema = resolve(copy, parameter.schema);
        if (seen.has(schema)) continue;
        seen.add(schema);
        const branches = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
        const members = memberNames(schema);
        // Prism reads a deepObject query by the members the top of its schema names.
        for (const name of members) (schema.properties ??= {})[name] ??= {};
        for (const branch of branches) {
          if (branch.additionalProperties !== false) continue;
          for (const name of members) if (!(name in (branch.properties ??= {}))) branch.properties[name] = { not: {} };
        }
      }
    }
  }
  return copy;
}
