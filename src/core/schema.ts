// The shapes the validator works in, apart from it: what the generator writes a schema as,
// and ajv's error format, which the validator keeps.

/** A schema as the generator writes it: plain data, `$ref`s already replaced by the objects they name. */
export type Schema = boolean | { readonly [keyword: string]: unknown };

/** Where a value breaks which rule, in ajv's format. */
export interface ValidationError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
}
