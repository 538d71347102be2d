import { violations } from '../core/check.js';
import type { OperationSpec, Reader, Reading } from '../core/operation.js';

/**
 * Reads a Captain body by its status: it must fit that status's schema. Every body is the
 * envelope, and `success` decides: `success: false` is the documented failure whatever
 * the status, `success: true` is the data on a 2xx.
 */
export function captainReader<T, E>(spec: OperationSpec): Reader<T, E> {
  return (status, body, describe): Reading<T, E> => {
    const schema = spec.responses[status];
    if (schema === undefined) return { ok: 'unexpected', violations: [] };
    const broken = violations(schema, body);
    if (broken) return { ok: 'unexpected', violations: broken };
    const { success, errors, messages } = body as { success: boolean; errors: string[]; messages: string[] };
    if (success === false) {
      const error = { kind: 'api', status, errors, messages, message: describe(`status ${status}, ${errors[0] ?? 'success: false'}`) };
      return { ok: false, error: error as E };
    }
    return status >= 200 && status < 300 ? { ok: true, data: body as T } : { ok: 'unexpected', violations: [{ path: '/success', rule: 'must be false' }] };
  };
}
