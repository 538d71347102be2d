// Each operation's request check, straight from a bundled spec (no table needed): the
// breaking-change gate and the rules-kept test compare the rules of two versions of a
// spec with it, through the very validator the client runs.
import { validate, type Schema } from '../../src/core/validate.js';
import { inlined, stripped } from './schema.js';
import { operationsOf, type Json } from './spec.js';

/** The request `{ path, query, body }` of each operation, as the client checks it, by operationId. */
export function requestSchemas(doc: Json): Record<string, Schema> {
  return Object.fromEntries(
    operationsOf(doc).map((operation) => {
      const properties: Json = {};
      const required: string[] = [];
      for (const where of ['path', 'query'] as const) {
        const parameters = operation.parameters.filter((parameter) => parameter.in === where);
        if (parameters.length === 0) continue;
        properties[where] = {
          type: 'object',
          properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
          required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
          additionalProperties: false,
        };
        required.push(where);
      }
      if (operation.body) {
        properties.body = operation.body.schema;
        if (operation.body.required) required.push('body');
      }
      return [operation.id, stripped(inlined(doc, { type: 'object', properties, required })) as Schema];
    }),
  );
}

/** Each operation's request check, by operationId: true when the request may go. */
export function requestValidators(doc: Json): Record<string, (request: unknown) => boolean> {
  return Object.fromEntries(Object.entries(requestSchemas(doc)).map(([id, schema]) => [id, (request: unknown) => validate(schema, request) === undefined]));
}
