// The identifiers in Katapult bodies and the shapes the recorded traffic shows for them,
// so the spec's examples can be held to those shapes.
type Json = Record<string, any>;

/** Each kind of identifier and its shape in every recorded answer. */
export const idShapes: Readonly<Record<string, RegExp>> = {
  'access key ID': /^objkey_[A-Za-z0-9]{16}$/,
  'S3 access key ID': /^[0-9a-f]{32}$/,
  'data centre ID': /^loc_[A-Za-z0-9]{16}$/,
  'country ID': /^ctry_[A-Za-z0-9]{16}$/,
};

/** The kind of the string at member `key` of an object that sits at member `parent`. */
function kindOf(key: string | undefined, parent: string | undefined): string | undefined {
  if (key === 's3_access_key_id') return 'S3 access key ID';
  if (key === 'read_key_ids' || key === 'write_key_ids') return 'access key ID';
  if (key !== 'id') return undefined;
  if (parent === 'access_key' || parent === 'object_storage_access_key' || parent === 'object_storage_access_keys') return 'access key ID';
  if (parent === 'data_center') return 'data centre ID';
  if (parent === 'country') return 'country ID';
  return undefined;
}

/** Every identifier of a known kind in a JSON value, as `[kind, value]`; `key` and
 * `parent` say where the value itself sits. */
export function identifiers(value: unknown, key?: string, parent?: string, found: [string, string][] = []): [string, string][] {
  if (typeof value === 'string') {
    const kind = kindOf(key, parent);
    if (kind && value !== 'redacted') found.push([kind, value]);
  } else if (Array.isArray(value)) {
    for (const item of value) identifiers(item, key, parent, found);
  } else if (typeof value === 'object' && value !== null) {
    for (const [name, child] of Object.entries(value)) identifiers(child, name, key, found);
  }
  return found;
}

/** A schema's name as the member it is sent in, where that differs. */
const schemaMembers: Readonly<Record<string, string>> = { AccessKeyLookup: 'access_key', ObjectStorageAccessKey: 'object_storage_access_key', DataCenter: 'data_center', Country: 'country' };

/** Every identifier of a known kind in a bundled spec's examples: bodies', parameters'
 * and schema members'. */
export function specIdentifiers(spec: Json): [string, string][] {
  const found: [string, string][] = [];
  const visit = (node: unknown, path: string[]) => {
    if (typeof node !== 'object' || node === null) return;
    const container = node as Json;
    for (const [name, child] of Object.entries(container)) {
      if (name !== 'example' && name !== 'examples') {
        visit(child, [...path, name]);
        continue;
      }
      // Named examples hold `{ value }`; a schema's `examples` is a list; `example` is the value.
      const values = name === 'examples' && !Array.isArray(child) ? Object.values<Json>(child).map((named) => named.value) : Array.isArray(child) ? child : [child];
      const [schema, properties, member] = path.slice(-3);
      for (const value of values) {
        if (typeof container.in === 'string') identifiers(value, container.name, undefined, found);
        else if (properties === 'properties' && schema) identifiers(value, member, schemaMembers[path.at(-4) === 'schemas' ? schema : ''] ?? schema, found);
        else identifiers(value, undefined, undefined, found);
      }
    }
  };
  visit(spec, []);
  return found;
}
