// Every 4xx/5xx JSON body is the wire form `{ error: ... }`, with `error` required, where the
// error has a required `code` pinned by a one-value `enum`, or is a `oneOf` of such errors
// with a discriminator on `code` whose mapping names every member. That is what lets a
// generated client narrow on `code`.
export default function ErrorBodyHasCode() {
  return {
    Response: {
      enter(response, ctx) {
        if (!/^[45]/.test(String(ctx.key))) return;
        const schema = response.content?.['application/json']?.schema;
        if (!schema) return;
        let resolved = ctx.resolve(schema);
        const wrapped = resolved.node?.properties?.error;
        if (!wrapped || !resolved.node.required?.includes('error')) {
          ctx.report({ message: 'An error body wraps the error in a required `error` member.', location: resolved.location });
          return;
        }
        resolved = ctx.resolve(wrapped);
        if (resolved.node?.oneOf) checkUnion(resolved, ctx);
        else checkError(resolved, ctx);
      },
    },
  };
}

function resolveFrom(parent, node, ctx) {
  return ctx.resolve(node, parent.location.source.absoluteRef);
}

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

function checkError(error, ctx) {
  const { node, location } = error;
  const code = node?.properties?.code && resolveFrom(error, node.properties.code, ctx).node;
  if (!node?.required?.includes('code')) {
    ctx.report({ message: 'An error body must list `code` as required.', location });
  }
  if (!Array.isArray(code?.enum) || code.enum.length !== 1) {
    ctx.report({ message: 'An error body must pin `code` to a one-value `enum`.', location });
  }
}
