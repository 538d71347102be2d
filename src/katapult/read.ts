import { isObject } from '../core/body.js';
import { violations } from '../core/check.js';
import type { OperationSpec, Reader, Reading } from '../core/operation.js';

/**
 * Reads a Katapult body by its status: a success body must fit that status's schema; an
 * error must carry a `code` the status documents and fit that code's schema. The server
 * wraps every error in `error`; the vendor's pages show the bare object, so a bare error
 * is read as if wrapped and gives the same member.
 */
export function katapultReader<T, E>(spec: OperationSpec): Reader<T, E> {
  return (status, body, describe): Reading<T, E> => {
    const codes = spec.errors?.[status];
    if (!codes) {
      const schema = spec.responses[status];
      if (schema === undefined) return { ok: 'unexpected', violations: [] };
      const broken = violations(schema, body);
      return broken ? { ok: 'unexpected', violations: broken } : { ok: true, data: body as T };
    }
    const wrapped = isObject(body) && !('error' in body) && 'code' in body ? { error: body } : body;
    const inner = isObject(wrapped) && isObject(wrapped.error) ? wrapped.error : {};
    const code = typeof inner.code === 'string' ? inner.code : undefined;
    const schema = code !== undefined && Object.hasOwn(codes, code) ? codes[code] : undefined;
    if (schema === undefined) {
      const rule = code === undefined ? 'is required' : `is not a code documented for status ${status}`;
      return { ok: 'unexpected', code, violations: [{ path: '/error/code', rule }] };
    }
    const broken = violations(schema, wrapped);
    if (broken) return { ok: 'unexpected', code, violations: broken };
    const { description, detail } = inner;
    const error = { kind: 'api', status, code, description, detail, message: describe(`status ${status} ${code}`) };
    return { ok: false, error: error as E };
  };
}
