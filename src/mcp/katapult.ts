// A tool for every Katapult operation. Its input is what the client takes: the query
// parameters of a GET, the JSON body of the others, each schema from the bundled spec.
import * as operations from '../../generated/katapult.operations.js';
import { createKatapultClient, type KatapultClient } from '../katapult/client.js';
import { checkerOrigin, withoutOrigin } from './checker.js';
import { bodyOf, loadSpec, parametersOf, type Json, type Schema, type Spec } from './spec.js';
import { operationTool } from './operation-tool.js';
import { outcomeOf, type Clients, type Listing, type Outcome, type Plan, type Tool } from './tool.js';

type Id = keyof typeof operations & keyof KatapultClient;
type Call = (input: unknown, options?: unknown) => ReturnType<KatapultClient['getBucket']>;

const call = (clients: Clients, id: Id, input: unknown) => (clients.katapult()[id] as Call)(input);

/** The input schema: the query parameters as one object, or the body. */
function inputOf(spec: Spec, id: string, method: string): Schema {
  if (method !== 'GET') return bodyOf(spec, id)?.schema ?? { type: 'object', properties: {}, additionalProperties: false };
  const parameters = parametersOf(spec, id).filter((parameter) => parameter.in === 'query');
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map(({ name, description, schema }) => [name, description && !schema.description ? { ...schema, description } : schema])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
    additionalProperties: false,
  };
}

/** A client that checks input by the spec's rules and sends nothing: a plan refuses what
 * its apply step would. */
const checker = createKatapultClient({ token: 'unused', baseUrl: checkerOrigin, fetch: () => Promise.reject(new Error('a check sends nothing')) });

async function refusal(id: Id, args: Json): Promise<Extract<Outcome, { ok: false }> | undefined> {
  const checked = await (checker[id] as Call)(args, { retry: false });
  return !checked.ok && checked.error.kind === 'invalid_input' ? { ok: false, error: withoutOrigin(checked.error) } : undefined;
}

const pick = (args: Json, names: readonly string[]) => Object.fromEntries(names.filter((name) => args[name] !== undefined).map((name) => [name, args[name]]));

/** What a destructive operation acts on, read again before it acts. */
const stateReads: Partial<Record<Id, { read: Id; members: readonly string[]; action: string }>> = {
  moveAccountToTrash: { read: 'getAccount', members: ['organization', 'object_storage_cluster'], action: "move the organization's object storage account in this cluster to the trash" },
  deleteAccessKey: { read: 'getAccessKey', members: ['access_key'], action: 'delete the access key' },
  updateAccessKey: { read: 'getAccessKey', members: ['access_key'], action: "change the access key's properties" },
  generateAccessKeyCredentials: { read: 'getAccessKey', members: ['access_key'], action: "replace the access key's S3 credentials: the old ones stop working" },
  deleteBucket: { read: 'getBucket', members: ['object_storage_cluster', 'bucket'], action: 'delete the bucket' },
  updateBucket: { read: 'getBucket', members: ['object_storage_cluster', 'bucket'], action: "change the bucket's properties" },
  revokePresignedUrls: { read: 'getBucket', members: ['object_storage_cluster', 'bucket'], action: 'revoke every presigned URL of the bucket issued so far' },
};

const listings: Partial<Record<Id, Listing>> = {
  listAccessKeys: {
    items: (data) => data.object_storage_access_keys as unknown[] | undefined,
    next: (_args, data) => {
      const pagination = data.pagination as { current_page: number; total_pages: number | null; per_page: number } | undefined;
      const items = (data.object_storage_access_keys as unknown[] | undefined) ?? [];
      if (!pagination) return undefined;
      const more = pagination.total_pages === null ? items.length > 0 && items.length >= pagination.per_page : pagination.current_page < pagination.total_pages;
      return more ? { page: pagination.current_page + 1 } : undefined;
    },
    narrow: 'pass a smaller per_page',
  },
};

export function katapultTools(): Tool[] {
  const spec = loadSpec('katapult');
  return (Object.keys(operations) as Id[]).map((id) => {
    const { method, secrets } = operations[id];
    const state = stateReads[id];
    const plan = state
      ? async (clients: Clients, args: Json): Promise<{ ok: true; plan: Plan } | Extract<Outcome, { ok: false }>> => {
          const refused = await refusal(id, args);
          if (refused) return refused;
          const read = outcomeOf(await call(clients, state.read, pick(args, state.members)));
          if (!read.ok) return read;
          return { ok: true, plan: { action: state.action, counts: { requests: 1 }, sample: [read.data], state: read.data } };
        }
      : undefined;
    const listing = listings[id];
    return operationTool('katapult', spec, id, operations[id], {
      inputSchema: inputOf(spec, id, method),
      secrets: [...secrets, ...(state ? operations[state.read].secrets : [])],
      listing,
      plan,
      act: async (clients: Clients, args: Json) => outcomeOf(await call(clients, id, args)),
    });
  });
}
