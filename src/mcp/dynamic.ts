// `--dynamic-toolsets`: the three tools a server starts with, as GitHub's server had them
// (list_available_toolsets, get_toolset_tools, enable_toolset). Enabling a toolset offers
// its tools that the flags allow (`available`: never an excluded tool, and under
// --read-only only the read ones), and the server tells the client its list changed.
import { descriptionOf } from './words.js';
import { invalidArgument, metaToolset, toolsets, type Annotations, type Outcome, type Tool, type Toolset } from './tool.js';
import type { Json } from './json.js';

/** What the meta tools see of the server: what it may offer, and what it offers now. */
export interface Offer {
  /** The secrets results withhold (none with --allow-secrets). */
  readonly withheld: (tool: Tool) => readonly string[];
  /** Every tool the flags let the server offer. */
  readonly available: readonly Tool[];
  readonly offered: (name: string) => boolean;
  /** Offers these tools too, and tells the client its tool list changed. */
  readonly add: (tools: readonly Tool[]) => Promise<void>;
}

const about: Readonly<Record<Toolset, string>> = {
  katapult: "Krystal's Katapult object storage: an organization's account, access keys and their S3 credentials, buckets, objects, presigned URLs.",
  captain: "GjirafaTech's Captain storage: a project's buckets, objects and object versions.",
  jobs: 'Jobs of many calls, each planned first: revoke presigned URLs across buckets, rotate S3 credentials, restore or undelete an object, prune old versions.',
};

// They change no data and reach no service: only what this session's list holds.
const annotations: Annotations = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false };

const done = (data: Json): Promise<Outcome> => Promise.resolve({ ok: true, data });

/** The three tools, for the toolsets that have something to offer under the flags. */
export function metaTools(offer: Offer): Tool[] {
  const names = toolsets.filter((set) => offer.available.some((tool) => tool.toolset === set));
  const toolsOf = (set: string) => offer.available.filter((tool) => tool.toolset === set);
  const chosen = { toolset: { type: 'string', enum: names } };
  const input = { type: 'object', properties: chosen, required: ['toolset'], additionalProperties: false };
  /** The toolset named, or a refusal that lists the ones there are. */
  const named = (args: Json): Outcome | Toolset => (names as readonly unknown[]).includes(args.toolset) ? (args.toolset as Toolset) : { ok: false, error: invalidArgument('toolset', `must be one of: ${names.join(', ')}`) };
  const base: Pick<Tool, 'toolset' | 'annotations' | 'secrets'> = { toolset: metaToolset, annotations, secrets: [] };
  return [
    {
      ...base,
      name: 'list_available_toolsets',
      title: 'List the toolsets',
      description: 'Lists the toolsets this server can enable, with how many tools each has and whether it is enabled. Use it when the listed tools cannot do the task.',
      inputSchema: { type: 'object', properties: {}, additionalProperties: false },
      dataSchema: { type: 'object', properties: { toolsets: { type: 'array' } }, required: ['toolsets'] },
      act: () =>
        done({
          toolsets: names.map((set) => ({ name: set, description: about[set], tools: toolsOf(set).length, enabled: toolsOf(set).every((tool) => offer.offered(tool.name)) })),
        }),
    },
    {
      ...base,
      name: 'get_toolset_tools',
      title: "List a toolset's tools",
      description: "Lists a toolset's tools, with what each does, before enabling it.",
      inputSchema: input,
      dataSchema: { type: 'object', properties: { toolset: { type: 'string' }, tools: { type: 'array' } }, required: ['toolset', 'tools'] },
      act: (_clients, args) => {
        const set = named(args);
        if (typeof set !== 'string') return Promise.resolve(set);
        return done({
          toolset: set,
          tools: toolsOf(set).map((tool) => ({ name: tool.name, description: descriptionOf(tool, offer.withheld(tool)), read_only: tool.annotations.readOnlyHint, destructive: tool.annotations.destructiveHint })),
        });
      },
    },
    {
      ...base,
      name: 'enable_toolset',
      title: 'Enable a toolset',
      description: "Adds a toolset's tools to this session's tool list (the list then changes). See list_available_toolsets and get_toolset_tools first.",
      inputSchema: input,
      dataSchema: { type: 'object', properties: { toolset: { type: 'string' }, added: { type: 'array' } }, required: ['toolset', 'added'] },
      act: async (_clients, args) => {
        const set = named(args);
        if (typeof set !== 'string') return set;
        const adding = toolsOf(set).filter((tool) => !offer.offered(tool.name));
        if (adding.length > 0) await offer.add(adding);
        return { ok: true, data: { toolset: set, added: adding.map((tool) => tool.name) } };
      },
    },
  ];
}
