// The four annotations of an operation's tool, from what the operation does. The method
// says most of it; the table below says what the method cannot.
import type { Annotations } from './tool.js';

interface Exception {
  readonly readOnly?: boolean;
  readonly destructive?: boolean;
  readonly idempotent?: boolean;
}

/** Operations whose method misleads: a read sent as a POST, and POSTs that change or
 * replace what exists rather than add to it. */
const exceptions: Readonly<Record<string, Exception>> = {
  // Captain's object listing is a POST that changes nothing.
  listObjects: { readOnly: true, destructive: false, idempotent: true },
  // Every presigned URL issued so far stops working; repeating it is harmless.
  revokePresignedUrls: { destructive: true, idempotent: true },
  // The old S3 credentials stop working, and each call makes new ones.
  generateAccessKeyCredentials: { destructive: true, idempotent: false },
  // Another version becomes current: what readers get changes. Each restore writes a
  // new copy (as the restore job knows), so it is not sent twice.
  restoreObjectVersion: { destructive: true, idempotent: false },
};

/**
 * GET reads; POST adds (a new account, key, bucket or URL: not destructive, not
 * idempotent); PATCH overwrites members (destructive in the protocol's sense, idempotent);
 * PUT and DELETE replace or remove (destructive, idempotent). Every tool reaches a
 * service whose state others change too: open world.
 */
export function annotationsOf(operationId: string, method: string): Annotations {
  const readOnly = method === 'GET';
  const base = {
    readOnlyHint: readOnly,
    destructiveHint: !readOnly && method !== 'POST',
    idempotentHint: method !== 'POST',
    openWorldHint: true,
  };
  const exception = exceptions[operationId];
  if (!exception) return base;
  return {
    readOnlyHint: exception.readOnly ?? base.readOnlyHint,
    destructiveHint: exception.destructive ?? base.destructiveHint,
    idempotentHint: exception.idempotent ?? base.idempotentHint,
    openWorldHint: true,
  };
}
