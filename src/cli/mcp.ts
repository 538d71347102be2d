// `object-storage mcp`: the MCP server. Its SDK is an optional peer dependency, loaded
// here only, so the library and the rest of the CLI never load it.
import { Command, Option } from 'commander';
import { CliError, exitCodes } from './exit.js';
import { integer } from './run.js';

const list = (value: string, previous: string[] = []) => [...previous, ...value.split(',').map((name) => name.trim()).filter(Boolean)];

interface Flags {
  readonly toolsets?: string[];
  readonly tools?: string[];
  readonly excludeTools?: string[];
  readonly readOnly?: boolean;
  readonly dynamicToolsets?: boolean;
  readonly allowSecrets?: boolean;
  readonly allowHttp?: boolean;
  readonly maxResultChars: number;
  readonly planTtl: number;
  readonly maxWait: number;
  readonly listTools?: boolean;
}

/** The server's module, or a usage error that says what to install. */
async function serverModule(): Promise<typeof import('../mcp/server.js')> {
  try {
    await import('@modelcontextprotocol/sdk/server/index.js');
  } catch {
    throw new CliError('object-storage mcp needs the MCP SDK, an optional peer dependency: npm install @modelcontextprotocol/sdk@1.32.2', exitCodes.usage);
  }
  return import('../mcp/server.js');
}

export function mcpCommand(): Command {
  return new Command('mcp')
    .description('Serve every operation and job as MCP tools over stdio, for agents')
    .option('--toolsets <names>', 'toolsets to offer, comma-separated: katapult, captain, jobs (default: all)', list)
    .option('--tools <names>', 'tools to offer besides the toolsets, comma-separated', list)
    .option('--exclude-tools <names>', 'tools never to offer, comma-separated: wins over --toolsets and --tools', list)
    .option('--read-only', 'offer only the tools that change nothing: overrides every other flag')
    .option('--dynamic-toolsets', 'start with three tools that list and enable toolsets (and --toolsets, --tools, if given); enabling one adds its tools')
    .option('--allow-secrets', 'show secrets the API returns (new S3 credentials, presigned URLs); withheld by default')
    .option('--allow-http', 'send credentials to an http:// base URL that is not loopback, in cleartext')
    .addOption(new Option('--max-result-chars <n>', 'longest result, in characters of JSON; longer ones are cut with a note').argParser(integer).default(24_000))
    .addOption(new Option('--max-wait <seconds>', 'longest a call waits for the rate limit before it answers when to try again').argParser(integer).default(20))
    .addOption(new Option('--plan-ttl <seconds>', 'how long a plan token works').argParser(integer).default(300))
    .option('--list-tools', 'print the tools as JSON (name, toolset, annotations, two steps) and exit')
    .addHelpText(
      'after',
      '\nCredentials come from the environment, as for the other commands: KATAPULT_API_TOKEN\n(KATAPULT_BASE_URL), CAPTAIN_API_KEY or CAPTAIN_TOKEN with CAPTAIN_BASE_URL.\n\nExample (an MCP client runs it):\n  $ object-storage mcp --toolsets katapult,jobs --read-only',
    )
    .action(async (flags: Flags) => {
      if (flags.listTools) {
        // The table is made from the spec alone: it needs no SDK.
        const { toolTable } = await import('../mcp/server.js');
        process.stdout.write(`${JSON.stringify(toolTable(flags), null, 2)}\n`);
        return;
      }
      const { serveStdio } = await serverModule();
      await serveStdio({
        toolsets: flags.toolsets,
        tools: flags.tools,
        excludeTools: flags.excludeTools,
        readOnly: flags.readOnly,
        dynamicToolsets: flags.dynamicToolsets,
        allowSecrets: flags.allowSecrets,
        allowHttp: flags.allowHttp,
        maxResultChars: flags.maxResultChars,
        planTtlSeconds: flags.planTtl,
        maxWaitSeconds: flags.maxWait,
        env: process.env,
        log: (line) => process.stderr.write(`object-storage mcp: ${line}\n`),
      });
      // The client has gone: calls still waiting on the rate limit have no one to answer.
      process.exit(0);
    });
}
