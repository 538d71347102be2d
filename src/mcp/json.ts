/** A JSON object, as tools take and give them. */
export type Json = Record<string, unknown>;
/** A JSON Schema, as a tool shows it. */
export type Schema = Json;
