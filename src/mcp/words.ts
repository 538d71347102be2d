// The words every tool would otherwise repeat, said once: in the server's instructions
// (which a client may give the model once per session), with a short form in each tool
// that needs it, enough to use the tool from its own description alone.
import type { Tool } from './tool.js';

/** The end of a two-step tool's description. */
export const twoStepWords = 'Two steps: a call without plan_token only plans; repeat it with the plan_token to act.';

/** The schema of the members the server adds to a tool's input. */
export const planToken = { type: 'string' };
export const cursor = { type: 'string', description: 'next_cursor of the previous result.' };

/** The end of the description of a tool whose results can hold secrets, when they are withheld. */
export const withheldWords = (secrets: readonly string[]): string => `Withheld unless the server runs with --allow-secrets: ${secrets.join(', ')}.`;

/** A tool's description as the list shows it: with how its two steps work, and which
 * secrets its results withhold. */
export const descriptionOf = (tool: Tool, withheld: readonly string[]): string =>
  [tool.description, ...(tool.plan ? [twoStepWords] : []), ...(withheld.length > 0 ? [withheldWords(withheld)] : [])].join(' ');

/** The server's instructions: what every result holds and how the safety rules work. */
export function instructions({ dynamic }: { dynamic: boolean }): string {
  return [
    "Tools for Katapult's and Captain's object storage APIs, and jobs over many calls.",
    ...(dynamic
      ? ['Only some tools are listed at first: list_available_toolsets shows the toolsets, get_toolset_tools their tools, and enable_toolset adds a toolset\'s tools to the list.']
      : []),
    "Every result's structuredContent holds data; or, with isError, error (kind, message, and where known code, status, request_id, the parameter and rule of refused input, retry_after_seconds); or, from a two-step tool, plan.",
    "Two steps: every tool that deletes or overwrites, and every job, first returns a plan (action, counts, sample, plan_token, expires_at) and changes nothing. Calling it again with the same arguments and plan_token acts, once, within a few minutes, and only while what the plan read is unchanged (else error kind plan_refused: plan again).",
    'Listings return next_cursor while more remain: pass it as cursor. A result too long to show is cut: cut says how many items are shown and how to narrow the call.',
    'Secrets the API returns (new S3 credentials, presigned URLs) are withheld unless the server runs with --allow-secrets; withheld names them.',
  ].join('\n');
}
