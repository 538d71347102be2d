// The MCP server: the low-level `Server` of @modelcontextprotocol/sdk over stdio, given the
// tools' JSON Schemas as the spec writes them (the high-level `McpServer` wants zod shapes,
// which would be a second copy of every rule).
// The SDK is imported when a server is made, not when this module loads: a bundler that
// inlines the CLI would otherwise hoist it into every command's start-up.
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { SettingError } from '../environment.js';
import { version } from '../version.js';
import { allTools, offering, type Selection } from './catalogue.js';
import { clientsFrom } from './clients.js';
import { metaTools } from './dynamic.js';
import { createPlans, digest, type Refusal } from './plans.js';
import { bound, decodeCursor, encodeCursor, errorResult, toolResult, visibleJson, withhold, type CallToolResult } from './results.js';
import type { Json } from './json.js';
import { invalidArgument, type Clients, type Tool } from './tool.js';
import { cursor, descriptionOf, instructions, planToken } from './words.js';

export interface ServerOptions extends Selection {
  /** Show secrets the API returns (new S3 credentials, presigned URLs). */
  readonly allowSecrets?: boolean | undefined;
  /** Send credentials to an `http:` base URL whose host is not loopback, in cleartext. */
  readonly allowHttp?: boolean | undefined;
  /** The most characters of JSON a result holds; longer ones are cut. */
  readonly maxResultChars?: number | undefined;
  /** The longest a call waits for the rate limit, in seconds, before it answers when to try again. */
  readonly maxWaitSeconds?: number | undefined;
  /** How long a plan token works, in seconds. */
  readonly planTtlSeconds?: number | undefined;
  readonly env: NodeJS.ProcessEnv;
  /** One line per event: never arguments, results or credentials. */
  readonly log: (line: string) => void;
}


const refusals: Readonly<Record<Refusal | 'state_changed' | 'declined', string>> = {
  unknown: 'This plan_token was not issued by this server (or the server restarted). Call the tool again without plan_token for a new plan.',
  used: 'This plan_token was used already: a plan acts once. Call the tool again without plan_token for a new plan.',
  expired: 'This plan_token has expired. Call the tool again without plan_token for a new plan.',
  other_tool: 'This plan_token belongs to another tool. Call this tool without plan_token for its own plan.',
  other_arguments: 'This plan_token was made for other arguments: the apply step must repeat the plan\'s arguments exactly. Call the tool again without plan_token for a plan of these.',
  state_changed: 'What the plan covers has changed since it was made, so it was not applied. Call the tool again without plan_token for a new plan, and read it.',
  declined: 'The person declined the plan; nothing was done.',
};

const refused = (reason: keyof typeof refusals): CallToolResult =>
  toolResult({ error: { kind: 'plan_refused', code: reason, message: refusals[reason] } }, true);

/**
 * The tool as the protocol lists it. No output schema: no client we know of shows one to
 * the model, while the SDK's client refuses a result that does not fit it (an error
 * result too); structuredContent is still there, with the same JSON as text. The title is
 * in the annotations only, the one every protocol version has (and VS Code shows first).
 */
function listed(tool: Tool, allowSecrets: boolean) {
  const input = tool.inputSchema as Json & { properties?: Json };
  const extra: Json = { ...(tool.plan ? { plan_token: planToken } : {}), ...(tool.listing ? { cursor } : {}) };
  return {
    name: tool.name,
    description: descriptionOf(tool, allowSecrets ? [] : tool.secrets),
    inputSchema: { ...input, type: 'object', properties: { ...input.properties, ...extra } },
    annotations: { title: tool.title, ...tool.annotations },
    _meta: { 'object-storage/toolset': tool.toolset, ...(tool.plan ? { 'object-storage/two-step': true } : {}) },
  };
}

export async function createMcpServer(options: ServerOptions): Promise<{ server: Server; tools: Tool[] }> {
  const [{ Server }, { CallToolRequestSchema, ErrorCode, ListToolsRequestSchema, McpError }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/index.js'),
    import('@modelcontextprotocol/sdk/types.js'),
  ]);
  const dynamic = options.dynamicToolsets === true;
  const { initial, available } = offering(allTools(), options);
  const allowSecrets = options.allowSecrets === true;
  const maxChars = options.maxResultChars ?? 24_000;
  const plans = createPlans((options.planTtlSeconds ?? 300) * 1000);
  const clients: Clients = clientsFrom(options.env, { attempts: 3, concurrency: 8, maxWaitMs: (options.maxWaitSeconds ?? 20) * 1000 }, { allowHttp: options.allowHttp });
  // Only a dynamic server's list changes, so only it says the list can change.
  const server = new Server({ name: 'object-storage', version }, { capabilities: { tools: { listChanged: dynamic } }, instructions: instructions({ dynamic }) });
  /** The tools offered now, in the order they were offered. */
  const byName = new Map<string, Tool>();
  const lists: ReturnType<typeof listed>[] = [];
  const offer = (tools: readonly Tool[]) => {
    for (const tool of tools) {
      byName.set(tool.name, tool);
      lists.push(listed(tool, allowSecrets));
    }
  };
  offer([
    ...(dynamic
      ? metaTools({
          withheld: (tool) => (allowSecrets ? [] : tool.secrets),
          available,
          offered: (name) => byName.has(name),
          add: async (tools) => {
            offer(tools);
            await server.sendToolListChanged();
          },
        })
      : []),
    ...initial,
  ]);
  const tools = [...byName.values()];

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: lists }));

  const secretsOf = (tool: Tool) => (allowSecrets ? [] : tool.secrets);

  /** Data as a result: secrets withheld, bounded, with the cursor of the next page. */
  function success(tool: Tool, data: unknown, args: Json, skip: number): CallToolResult {
    const found = new Set<string>();
    const structured: Json = { data: structuredClone(withhold(data, secretsOf(tool), found)) };
    const items = (tool.listing ?? tool.cut)?.items(structured.data as Json);
    // Room for the cut's note (under 300 characters) and the cursor, which holds the arguments.
    const reserve = 300 + (tool.listing ? Math.ceil((visibleJson({ tool: tool.name, page: args, skip: 1e6 }).length * 4) / 3) + 20 : 0);
    const words = tool.listing
      ? { of: 'items', narrow: tool.listing.narrow, cursor: true }
      : tool.cut
        ? { of: tool.cut.of, narrow: tool.cut.narrow, cursor: false, kept: tool.cut.kept }
        : { of: 'items of its longest list', narrow: 'narrow the arguments', cursor: false };
    const cut = bound(structured, maxChars, items, skip, words, reserve);
    if (tool.listing) {
      // After a cut, the same page again from where the cut fell; else the API's next page.
      const page = tool.listing.next(args, data as Json);
      const next = cut ? { page: args, skip: skip + cut.shown } : page && { page, skip: 0 };
      if (next) structured.next_cursor = encodeCursor({ tool: tool.name, ...next });
    }
    if (cut) structured.cut = cut;
    if (found.size > 0) structured.withheld = [...found].sort();
    return toolResult(structured);
  }


  async function call(tool: Tool, raw: Json, signal: AbortSignal): Promise<CallToolResult> {
    const { plan_token: token, cursor, ...rest } = raw;
    // Some clients take what they know and ignore the rest: an argument the schema does not
    // name is refused here, so that a misspelt limit does not become no limit.
    const known = tool.inputSchema.properties as Json | undefined;
    const extras = [...(tool.plan ? ['plan_token'] : []), ...(tool.listing ? ['cursor'] : [])];
    const stray =
      Object.keys(raw).find((name) => (name === 'plan_token' || name === 'cursor') && !extras.includes(name)) ??
      (tool.inputSchema.additionalProperties === false && known ? Object.keys(rest).find((name) => !(name in known)) : undefined);
    if (stray !== undefined) {
      return errorResult(invalidArgument(stray, 'is not a parameter of this tool'), []);
    }
    let args: Json = rest;
    let skip = 0;
    if (tool.listing && cursor !== undefined) {
      const decoded = typeof cursor === 'string' ? decodeCursor(cursor) : undefined;
      if (!decoded || decoded.tool !== tool.name) {
        return errorResult(invalidArgument('cursor', "must be the next_cursor of this tool's previous result"), []);
      }
      args = { ...args, ...decoded.page };
      skip = decoded.skip;
    }
    if (!tool.plan) {
      const outcome = await tool.act(clients, args);
      return outcome.ok ? success(tool, outcome.data, args, skip) : errorResult(outcome.error, secretsOf(tool), outcome.retryAfterSeconds);
    }
    if (token === undefined) {
      const planned = await tool.plan(clients, args);
      if (!planned.ok) return errorResult(planned.error, secretsOf(tool), planned.retryAfterSeconds);
      const { token: issued, expiresAt } = plans.issue(tool.name, args, planned.plan.state);
      const found = new Set<string>();
      return toolResult({
        plan: {
          tool: tool.name,
          action: planned.plan.action,
          counts: planned.plan.counts,
          sample: withhold(planned.plan.sample, secretsOf(tool), found),
          ...(planned.plan.failed && planned.plan.failed.length > 0 ? { failed: planned.plan.failed } : {}),
          ...(planned.plan.notDone ? { not_done: { items: planned.plan.notDone.items, retry_after_seconds: planned.plan.notDone.retryAfterSeconds } } : {}),
          plan_token: issued,
          expires_at: expiresAt,
          next_step: planned.plan.notDone
            ? `Nothing was changed. To act on what this plan covers, call this tool again with the same arguments and this plan_token. The rate limit held back the not_done items and nothing was read for them: plan them again in about ${planned.plan.notDone.retryAfterSeconds} s.`
            : 'Nothing was changed. To act, call this tool again with the same arguments and this plan_token.',
        },
      });
    }
    if (typeof token !== 'string') return refused('unknown');
    const redeemed = plans.redeem(token, tool.name, args);
    if (!redeemed.ok) return refused(redeemed.refusal);
    const again = await tool.plan(clients, args);
    if (!again.ok) return errorResult(again.error, secretsOf(tool), again.retryAfterSeconds);
    if (digest(again.plan.state) !== redeemed.state) return refused('state_changed');
    // Where the client can ask the person, the person decides too; a client that cannot
    // ask has already been through the plan and its token.
    if (server.getClientCapabilities()?.elicitation) {
      const answer = await server.elicitInput(
        {
          message: `Apply this plan of ${tool.name}: ${again.plan.action}? (${Object.entries(again.plan.counts).map(([name, count]) => `${name}: ${count}`).join(', ')})`,
          requestedSchema: { type: 'object', properties: { apply: { type: 'boolean', title: 'Apply the plan' } }, required: ['apply'] },
        },
        { signal },
      );
      if (answer.action !== 'accept' || answer.content?.apply !== true) return refused('declined');
    }
    const outcome = await tool.act(clients, args);
    return outcome.ok ? success(tool, outcome.data, args, 0) : errorResult(outcome.error, secretsOf(tool), outcome.retryAfterSeconds);
  }

  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const tool = byName.get(request.params.name);
    // A tool not offered is the protocol's kind of error: the client asked for what is not there.
    if (!tool) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    const started = Date.now();
    let result: CallToolResult;
    try {
      result = await call(tool, (request.params.arguments ?? {}) as Json, extra.signal);
    } catch (thrown) {
      // A missing credential names the variable to set; anything else is a bug, reported
      // without its details (they could hold input or answers).
      if (thrown instanceof SettingError) {
        result = errorResult({ kind: thrown.kind, variables: thrown.variables, message: thrown.message }, []);
      } else {
        options.log(`${tool.name}: internal error ${thrown instanceof Error ? thrown.name : typeof thrown}`);
        result = errorResult({ kind: 'internal', message: 'The server failed to carry out the call; nothing more is known. Try again, or report it.' }, []);
      }
    }
    const error = result.isError ? (result.structuredContent.error as { kind?: string; code?: string } | undefined) : undefined;
    const what = error ? `error ${error.kind ?? ''}${error.code ? ` ${error.code}` : ''}` : result.structuredContent.plan ? 'plan' : 'ok';
    options.log(`${tool.name}: ${what} (${Date.now() - started} ms)`);
    return result;
  });

  return { server, tools };
}

/** Serves the tools over stdin and stdout until stdin closes. */
export async function serveStdio(options: ServerOptions): Promise<void> {
  const { server, tools } = await createMcpServer(options);
  const { StdioServerTransport } = await import('@modelcontextprotocol/sdk/server/stdio.js');
  const closed = new Promise<void>((resolve) => (server.onclose = resolve));
  await server.connect(new StdioServerTransport());
  const sets = [...new Set(tools.map((tool) => tool.toolset))].join(', ') || 'none';
  options.log(`serving ${tools.length} tools (${sets})${options.dynamicToolsets ? ', dynamic toolsets' : ''}${options.readOnly ? ', read-only' : ''}${options.allowSecrets ? ', secrets allowed' : ''}${options.allowHttp ? ', http allowed' : ''} on stdio`);
  await closed;
}

/** The tools the flags offer, each with its toolset, annotations and whether it works in
 * two steps; with dynamic toolsets, the three tools first, then every tool enabling a
 * toolset can add, each saying whether it is in the list at start. */
export function toolTable(selection: Selection = {}): { name: string; toolset: string; readOnly: boolean; destructive: boolean; idempotent: boolean; openWorld: boolean; twoStep: boolean; initial?: boolean }[] {
  const { initial, available } = offering(allTools(), selection);
  const dynamic = selection.dynamicToolsets === true;
  const meta = dynamic ? metaTools({ withheld: () => [], available, offered: () => false, add: () => Promise.reject(new Error('not a server')) }) : [];
  const atStart = new Set([...meta, ...initial].map((tool) => tool.name));
  return [...meta, ...available].map((tool) => ({
    name: tool.name,
    toolset: tool.toolset,
    readOnly: tool.annotations.readOnlyHint,
    destructive: tool.annotations.destructiveHint,
    idempotent: tool.annotations.idempotentHint,
    openWorld: tool.annotations.openWorldHint,
    twoStep: tool.plan !== undefined,
    ...(dynamic ? { initial: atStart.has(tool.name) } : {}),
  }));
}

export { allTools, listed };
