import { captainTable } from '../../generated/captain/table.js';
import { katapultTable } from '../../generated/katapult/table.js';
import type { OperationSpec } from '../../src/core/operation.js';
import { validate } from '../../src/core/validate.js';
import { router } from '../../src/testing/routes.js';

/** Whether a body fits what the operation documents for its status (and, for a wrapped
 * Katapult error, for its code). */
export function fits(operation: OperationSpec, status: number, body: any): boolean {
  const schema = operation.errors?.[status]?.[body?.error?.code] ?? operation.responses[status];
  return schema !== undefined && validate(schema, body) === undefined;
}

const routes = { katapult: router(katapultTable), captain: router(captainTable) };

/** The operation a request to the fake is for, by the tables' methods and path templates. */
export function operationFor(request: Request): OperationSpec | undefined {
  const { pathname } = new URL(request.url);
  const katapult = pathname.startsWith('/core/v1/');
  return routes[katapult ? 'katapult' : 'captain'](request.method, katapult ? pathname.slice('/core/v1'.length) : pathname)?.row.operation;
}
