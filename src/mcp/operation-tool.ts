// What an operation's tool is made of whatever its API: its name, words and data schema
// from the spec, its annotations from what it does. Each API's module gives the rest.
import { annotationsOf } from './hints.js';
import { describe, successOf, type Schema, type Spec } from './spec.js';
import { toolName, type Listing, type Tool } from './tool.js';

export interface OperationParts {
  readonly inputSchema: Schema;
  readonly secrets: readonly string[];
  readonly listing?: Listing | undefined;
  readonly plan?: Tool['plan'] | undefined;
  readonly act: Tool['act'];
}

export function operationTool(toolset: 'katapult' | 'captain', spec: Spec, id: string, { method, summary }: { method: string; summary: string }, parts: OperationParts): Tool {
  return {
    name: toolName(toolset, id),
    toolset,
    title: summary,
    description: describe(spec, id),
    inputSchema: parts.inputSchema,
    dataSchema: successOf(spec, id),
    annotations: annotationsOf(id, method),
    secrets: [...new Set(parts.secrets)],
    ...(parts.listing ? { listing: parts.listing } : {}),
    ...(parts.plan ? { plan: parts.plan } : {}),
    act: parts.act,
  };
}
