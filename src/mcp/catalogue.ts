// Every tool, and the choice of the ones a server offers.
import { jobTools } from './jobs.js';
import { operationTools } from './operations.js';
import { toolsets, type Tool } from './tool.js';

export function allTools(): Tool[] {
  const operations = operationTools();
  const tools = [...operations, ...jobTools(operations)];
  // The rule the server stands on: nothing destructive acts in one step.
  for (const tool of tools) if (tool.annotations.destructiveHint && !tool.plan) throw new Error(`${tool.name} is destructive but has no plan step`);
  return tools;
}

export interface Selection {
  /** Toolsets to offer; left out, all of them (or none, when `tools` names some). */
  readonly toolsets?: readonly string[] | undefined;
  /** Tools to offer besides the toolsets'. */
  readonly tools?: readonly string[] | undefined;
  /** Tools not to offer: exclusion wins over both lists. */
  readonly excludeTools?: readonly string[] | undefined;
  /** Only the tools whose `readOnlyHint` is true: overrides everything else. */
  readonly readOnly?: boolean | undefined;
  /** Start with the toolset tools only (and `toolsets` and `tools`, if given); the agent
   * enables the others a toolset at a time. */
  readonly dynamicToolsets?: boolean | undefined;
}

/** The tools to offer, or a usage error naming the flag and the unknown name. */
export function selectTools(all: readonly Tool[], selection: Selection): Tool[] {
  const names = new Set(all.map((tool) => tool.name));
  for (const set of selection.toolsets ?? []) if (!(toolsets as readonly string[]).includes(set)) throw new RangeError(`--toolsets: "${set}" is not a toolset (${toolsets.join(', ')})`);
  for (const [flag, list] of [['--tools', selection.tools], ['--exclude-tools', selection.excludeTools]] as const) {
    for (const name of list ?? []) if (!names.has(name)) throw new RangeError(`${flag}: "${name}" is not a tool (object-storage mcp --list-tools shows them)`);
  }
  const sets = new Set<string>(selection.toolsets ?? (selection.tools ? [] : toolsets));
  return all.filter(
    (tool) =>
      (sets.has(tool.toolset) || (selection.tools ?? []).includes(tool.name)) &&
      !(selection.excludeTools ?? []).includes(tool.name) &&
      (!selection.readOnly || tool.annotations.readOnlyHint),
  );
}

/**
 * What a server offers: the tools at start, and every tool it may offer later. Without
 * dynamic toolsets the two are the same. With them, as GitHub's server did: the server
 * starts with `toolsets` and `tools` only (none by default), and enabling a toolset adds
 * what the other flags allow of it: never an excluded tool, and with `readOnly` only the
 * read tools, so `readOnly` still wins over everything.
 */
export function offering(all: readonly Tool[], selection: Selection): { initial: Tool[]; available: Tool[] } {
  const chosen = selectTools(all, selection);
  if (!selection.dynamicToolsets) return { initial: chosen, available: chosen };
  return {
    initial: selectTools(all, { ...selection, toolsets: selection.toolsets ?? [] }),
    available: selectTools(all, { excludeTools: selection.excludeTools, readOnly: selection.readOnly }),
  };
}
