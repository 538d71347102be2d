// The `object-storage` command: every operation and every job of both APIs.
import { Command, CommanderError, Help } from 'commander';
import { captainCommand } from './captain.js';
import { environmentHelp } from './environment.js';
import { CliError, exitCodes } from './exit.js';
import { fakeCommand } from './fake.js';
import { katapultCommand } from './katapult.js';
import { mcpCommand } from './mcp.js';
import { version } from '../version.js';

const rootHelp = `
${environmentHelp(['KATAPULT_API_TOKEN', 'KATAPULT_BASE_URL', 'CAPTAIN_BASE_URL', 'CAPTAIN_API_KEY', 'CAPTAIN_TOKEN'])}
A token is never printed, not even with --verbose.

Exit codes:
  0    success (also when the output pipe closes early, as with | head)
  1    a job finished, but some items failed, or --deadline left some not done
  2    usage: bad flags, input the API would refuse, or no --yes where needed
  3    the API answered with a documented error
  4    network failure or timeout
  5    an answer the spec does not describe
  6    no credential, or one that cannot be sent
  70   a fault in object-storage itself (OBJECT_STORAGE_DEBUG=1 prints its stack)
  130  interrupted (Ctrl-C); what was in flight finished

Examples:
  $ object-storage katapult get-bucket --bucket backups
  $ object-storage katapult revoke-across-buckets --file leaked.txt --yes
  $ object-storage captain prune --project <guid> --bucket logs --prefix 2025/ --keep 3 --dry-run
  $ object-storage --json captain list-objects --project <guid> --bucket photos --all | jq .

Each command's --help shows its flags, its environment and an example.`;

/** A description for a list: its first sentence, without the `(METHOD /path)` the
 * command's own help ends it with. */
const short = (text: string) => text.replace(/ \([A-Z]+ \/[^)]*\)$/, '').replace(/[.;] .*$/, '');

const title = (name: string) => `${name.charAt(0).toUpperCase()}${name.slice(1)}`;

/**
 * The top level lists every command once: a group of commands (an API) shows its
 * commands under a heading of its own, as `katapult get-bucket`; a command on its own
 * shows under "Other commands". A group or a command registered later gets the same.
 */
class RootHelp extends Help {
  override visibleCommands(command: Command): Command[] {
    return super.visibleCommands(command).flatMap((sub) => {
      if (sub.commands.length === 0) {
        if (!sub.helpGroup()) sub.helpGroup('Other commands:');
        return [sub];
      }
      const heading = sub.helpGroup() || `${title(sub.name())} commands (object-storage ${sub.name()} <command> --help):`;
      sub.helpGroup(heading);
      const inner = super.visibleCommands(sub).filter((leaf) => leaf.name() !== 'help');
      for (const leaf of inner) if (!leaf.helpGroup()) leaf.helpGroup(heading);
      return inner;
    });
  }

  override subcommandTerm(command: Command): string {
    const parent = command.parent;
    return parent?.parent ? `${parent.name()} ${command.name()}` : super.subcommandTerm(command);
  }

  override subcommandDescription(command: Command): string {
    return short(super.subcommandDescription(command));
  }
}

/** A group's help: its commands, without the method and path each one's help gives. */
class GroupHelp extends Help {
  override subcommandDescription(command: Command): string {
    return short(super.subcommandDescription(command));
  }
}

export function program(): Command {
  const root = new Command('object-storage')
    .description('Katapult and Captain object storage, from the terminal: every operation, and the jobs around them.')
    .option('--json', 'machine output: JSON on stdout; errors as JSON on stderr')
    .option('--verbose', 'log each request and response on stderr, secrets redacted')
    .version(`object-storage ${version}`, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for usage)')
    .exitOverride()
    .addHelpText('after', rootHelp);
  root.createHelp = () => Object.assign(new RootHelp(), root.configureHelp());
  // One line a command group: each API's commands (and any other group) register here.
  root.addCommand(katapultCommand());
  root.addCommand(captainCommand());
  root.addCommand(mcpCommand());
  root.addCommand(fakeCommand());
  root.addCommand(
    new Command('version')
      .description('print the version')
      .action(() => void process.stdout.write(`object-storage ${version}\n`)),
  );
  root.helpCommand('help [command]', 'show help for a command');
  settle(root);
  return root;
}

/** What every command below the root shares, however it was registered. Commands added
 * whole do not inherit these: usage errors must reach main() to exit 2. */
function settle(root: Command): void {
  const visit = (command: Command) => {
    for (const sub of command.commands) {
      // One wording for help, at every level.
      sub.helpOption('-h, --help', 'show help');
      if (sub.commands.length > 0) sub.helpCommand('help [command]', 'show help for a command');
      sub.exitOverride().showHelpAfterError('(add --help for usage)').configureHelp({
        showGlobalOptions: true,
        // --version belongs to the top level: it prints the package's, whatever follows.
        visibleGlobalOptions(this: Help, command: Command) {
          return Help.prototype.visibleGlobalOptions.call(this, command).filter((option) => option.long !== '--version');
        },
      });
      if (sub.commands.length > 0) sub.createHelp = () => Object.assign(new GroupHelp(), sub.configureHelp());
      visit(sub);
    }
  };
  visit(root);
}

/** Whether --json is on: errors before or outside a command's action look at it too. */
const wantsJson = (argv: readonly string[]) => (argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv).includes('--json');

/**
 * `help katapult get-bucket` as `katapult get-bucket --help`, as `gh help repo view` works:
 * commander's help command takes one name, and would show the group's help.
 */
function helpFor(argv: readonly string[]): readonly string[] {
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  if (argv[at] !== 'help' || argv.length - at < 2) return argv;
  return [...argv.slice(0, at), ...argv.slice(at + 1), '--help'];
}

/**
 * With --help, the command the words before it name, or the first word that names none:
 * commander would show the nearest group's help and exit 0 for `katapult nope --help`,
 * where gh says the command is unknown.
 */
function unknownUnderHelp(root: Command, argv: readonly string[]): string | undefined {
  const words = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  if (!words.includes('--help') && !words.includes('-h')) return undefined;
  let command = root;
  for (let n = 0; n < words.length; n += 1) {
    const word = words[n]!;
    if (word.startsWith('-')) {
      // Skip an option's value, given apart from it.
      const option = command.options.find((each) => each.long === word || each.short === word);
      if (option && (option.required || option.optional) && !word.includes('=')) n += 1;
      continue;
    }
    // A command that takes no sub-commands takes the rest as its arguments; `help` is
    // commander's own, at every level.
    if (command.commands.length === 0 || word === 'help') return undefined;
    const next = command.commands.find((sub) => sub.name() === word || sub.aliases().includes(word));
    if (!next) return `unknown command '${word}' for '${[...ancestry(command)].join(' ')}'`;
    command = next;
  }
  return undefined;
}

function* ancestry(command: Command): Generator<string> {
  if (command.parent) yield* ancestry(command.parent);
  yield command.name();
}

export async function main(args: readonly string[]): Promise<number> {
  const argv = helpFor(args);
  const json = wantsJson(argv);
  const fail = (kind: string, message: string, code: number) => {
    process.stderr.write(json ? `${JSON.stringify({ error: { kind, code: null, message, requestId: null } })}\n` : `error: ${message}\n`);
    return code;
  };
  const command = program();
  const unknown = unknownUnderHelp(command, argv);
  if (unknown) return fail('usage', `${unknown}; object-storage --help lists the commands`, exitCodes.usage);
  if (json) {
    // Commander's own usage errors, as JSON too.
    const configure = (target: Command) => {
      target.configureOutput({ outputError: (text) => void fail('usage', text.replace(/^error: /, '').trim(), exitCodes.usage), writeErr: () => {} });
      for (const sub of target.commands) configure(sub);
    };
    configure(command);
  }
  try {
    await command.parseAsync(argv, { from: 'user' });
    return Number(process.exitCode ?? exitCodes.ok);
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help' ? exitCodes.ok : exitCodes.usage;
    }
    if (error instanceof CliError) return fail(error.kind, error.message, error.exitCode);
    if (error instanceof TypeError || error instanceof RangeError) return fail('usage', error.message, exitCodes.usage);
    // Anything else is a fault of the CLI's own: one line, never a stack (unless asked).
    if (process.env.OBJECT_STORAGE_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    const message = error instanceof Error ? error.message : String(error);
    return fail('internal', `${message} (a fault in object-storage itself; OBJECT_STORAGE_DEBUG=1 shows where)`, exitCodes.internal);
  }
}
