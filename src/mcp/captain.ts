// A tool for every Captain operation. Its input is flat, as the client takes it: the path
// and query parameters and the body's members by their own names, the bucket (`name` in
// the path) as `bucket`, and the API version left out (the client sends 1).
import * as operations from '../../generated/captain.operations.js';
import { createCaptainClient, type CaptainClient } from '../captain/client.js';
import { versionsOf } from '../captain/pages.js';
import { isApiRequestError } from '../core/errors.js';
import { annotationsOf } from './hints.js';
import { checkerOrigin, withoutOrigin } from './checker.js';
import { bodyOf, loadSpec, parametersOf, type Json, type Schema, type Spec } from './spec.js';
import { operationTool } from './operation-tool.js';
import { outcomeOf, type Clients, type Listing, type Outcome, type Plan, type Tool } from './tool.js';

type Id = keyof typeof operations & keyof CaptainClient;
type Call = (input: unknown, options?: unknown) => ReturnType<CaptainClient['listBuckets']>;
type Refused = Extract<Outcome, { ok: false }>;

const renamed: Readonly<Record<string, string>> = { name: 'bucket' };
const fixed = new Set(['version']);

function inputOf(spec: Spec, id: string): Schema {
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const { name, in: where, required: needed, description, schema } of parametersOf(spec, id)) {
    if (where === 'header' || fixed.has(name)) continue;
    const as = renamed[name] ?? name;
    properties[as] = description && !schema.description ? { ...schema, description } : schema;
    if (needed) required.push(as);
  }
  const body = bodyOf(spec, id)?.schema;
  for (const [name, schema] of Object.entries((body?.properties as Record<string, Schema> | undefined) ?? {})) properties[name] = schema;
  for (const name of (body?.required as string[] | undefined) ?? []) required.push(name);
  return { type: 'object', properties, required, additionalProperties: false };
}

const call = (clients: Clients, id: Id, input: unknown) => (clients.captain()[id] as Call)(input);

/** A client that checks input by the spec's rules and sends nothing. */
const checker = createCaptainClient({ baseUrl: checkerOrigin, auth: { apiKey: 'unused' }, fetch: () => Promise.reject(new Error('a check sends nothing')) });

/** Every version of the object, newest first: the state a version's restore or delete acts on. */
async function versionsState(clients: Clients, id: Id, args: Json): Promise<{ ok: true; plan: Plan } | Refused> {
  const checked = await (checker[id] as Call)(args, { retry: false });
  if (!checked.ok && checked.error.kind === 'invalid_input') return { ok: false, error: withoutOrigin(checked.error) };
  const { projectId, bucket, key, versionId } = args as { projectId: string; bucket: string; key: string; versionId: string };
  const versions: { versionId: string; isDeleteMarker: boolean; lastModified: string; size?: number }[] = [];
  try {
    for await (const version of versionsOf((markers) => clients.captain().listObjectVersions({ projectId, bucket, key, ...markers, maxKeys: 1000 }))) versions.push(version);
  } catch (thrown) {
    if (isApiRequestError(thrown)) return { ok: false, error: thrown.error };
    throw thrown;
  }
  const target = versions.find((version) => version.versionId === versionId);
  const action =
    id === 'deleteObjectVersion'
      ? 'delete this version of the object for good'
      : 'make this version the current version of the object again';
  return {
    ok: true,
    plan: {
      action: target ? action : `${action}; the version is not among the object's versions now, so the API will refuse it`,
      counts: { versions: versions.length, current: versions[0]?.versionId === versionId ? 1 : 0 },
      sample: target ? [target] : [],
      state: versions.map(({ versionId: idOf, isDeleteMarker, lastModified }) => [idOf, isDeleteMarker, lastModified]),
    },
  };
}

const listings: Partial<Record<Id, Listing>> = {
  listBuckets: { items: (data) => data.result as unknown[] | undefined, next: () => undefined, narrow: 'pass search to list only the buckets whose name holds it' },
  listObjects: {
    items: (data) => (data.result as { objectListModel?: unknown[] } | undefined)?.objectListModel,
    next: (_args, data) => {
      const items = (data.result as { objectListModel?: { key: string }[] } | undefined)?.objectListModel ?? [];
      const more = (data.resultInfo as { hasNextPage?: boolean } | undefined)?.hasNextPage === true;
      return more && items.length > 0 ? { continuationToken: items.at(-1)!.key } : undefined;
    },
    narrow: 'pass a smaller maxKeys, or a deeper folder as key',
  },
  listObjectVersions: {
    items: (data) => data.result as unknown[] | undefined,
    next: (_args, data) => {
      const items = (data.result as { key: string; versionId: string }[] | undefined) ?? [];
      const more = (data.resultInfo as { hasNextPage?: boolean } | undefined)?.hasNextPage === true;
      const last = items.at(-1);
      return more && last ? { keyMarker: last.key, versionIdMarker: last.versionId } : undefined;
    },
    narrow: 'pass a smaller maxKeys',
  },
};

export function captainTools(): Tool[] {
  const spec = loadSpec('captain');
  return (Object.keys(operations) as Id[]).map((id) => {
    const { method, secrets } = operations[id];
    const annotations = annotationsOf(id, method);
    const listing = listings[id];
    return operationTool('captain', spec, id, operations[id], {
      inputSchema: inputOf(spec, id),
      secrets: [...secrets, ...operations.listObjectVersions.secrets],
      listing,
      plan: annotations.destructiveHint ? (clients: Clients, args: Json) => versionsState(clients, id, args) : undefined,
      act: async (clients: Clients, args: Json) => outcomeOf(await call(clients, id, args)),
    });
  });
}
