// @ts-check
// Every 4xx/5xx JSON body is the wire form `{ error: ... }`, with `error` required, where the
// error has a required `code` pinned by a one-value `enum`, or is a `oneOf` of such errors
// with a discriminator on `code` whose mapping names every member. That is what lets a
// generated client narrow on `code`.
// JavaScript, as Redocly's CLI loads plugins; type-checked by tsc (`npm run typecheck`).

/**
 * What Redocly's CLI hands a rule's visitor, as far as this rule reads it. The CLI ships no
 * types; these follow `UserContext` in @redocly/openapi-core's lib/walk.d.ts.
 * @typedef {Record<string, any>} Node A node of the description, `$ref`s and all.
 * @typedef {{ readonly source: { readonly absoluteRef: string } }} Location
 * @typedef {{ readonly node: Node, readonly location: Location }} Found A node `resolve` found.
 * @typedef {Found | { readonly node: undefined, readonly location: undefined }} Resolved
 * @typedef {object} Context
 * @property {string | number} key The node's key in its parent: for a response, its status.
 * @property {(node: unknown, from?: string) => Resolved} resolve Follows a `$ref`, relative to `from`.
 * @property {(problem: { message: string, location: Location | undefined }) => void} report
 */

export default function ErrorBodyHasCode() {
  return {
    Response: {
      /** @param {Node} response @param {Context} ctx */
      enter(response, ctx) {
        if (!/^[45]/.test(String(ctx.key))) return;
        const schema = response.content?.['application/json']?.schema;
        if (!schema) return;
        const resolved = ctx.resolve(schema);
        const wrapped = resolved.node?.properties?.error;
        if (!wrapped || !resolved.node?.required?.includes('error')) {
          ctx.report({ message: 'An error body wraps the error in a required `error` member.', location: resolved.location });
          return;
        }
        const error = ctx.resolve(wrapped);
        if (error.node?.oneOf) checkUnion(error, ctx);
        else checkError(error, ctx);
      },
    },
  };
}

/** @param {Found} parent @param {unknown} node @param {Context} ctx */
function resolveFrom(parent, node, ctx) {
  return ctx.resolve(node, parent.location.source.absoluteRef);
}

/** @param {Found} union @param {Context} ctx */
function checkUnion(union, ctx) {
  const { oneOf, discriminator } = union.node;
  if (discriminator?.propertyName !== 'code' || !discriminator.mapping) {
    ctx.report({ message: 'An error union needs a discriminator on `code` with an explicit mapping.', location: union.location });
    return;
  }
  const mapped = Object.keys(discriminator.mapping).length;
  if (mapped !== oneOf.length) {
    ctx.report({ message: `The discriminator maps ${mapped} codes but the union has ${oneOf.length} members.`, location: union.location });
  }
  for (const member of oneOf) checkError(resolveFrom(union, member, ctx), ctx);
}

/** @param {Resolved} error @param {Context} ctx */
function checkError(error, ctx) {
  const { node, location } = error;
  const code = error.node?.properties?.code && resolveFrom(error, error.node.properties.code, ctx).node;
  if (!node?.required?.includes('code')) {
    ctx.report({ message: 'An error body must list `code` as required.', location });
  }
  if (!Array.isArray(code?.enum) || code.enum.length !== 1) {
    ctx.report({ message: 'An error body must pin `code` to a one-value `enum`.', location });
  }
}
