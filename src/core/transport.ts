import { CredentialError, readCredential } from './auth.js';
import { refusal } from './check.js';
import { classify, redact } from './classify.js';
import { failureMessage, type AnyError, type ClientFailure, type InvalidInput } from './errors.js';
import type { Operation } from './operation.js';
import type { BaseClientOptions, CallOptions, Credential, RetryEvent } from './options.js';
import type { Result } from './result.js';
import { backoff, callPolicy, retryableStatuses, retryAfter } from './retry.js';
import { serializePath, serializeQuery, withoutTrailingSlash } from './url.js';
import { extraHeaders } from './headers.js';
import { networkReason, systemCode } from './failure.js';
import { withResponse } from './result.js';
import { onAbort } from './abort.js';
import { sleep, untilAborted } from './wait.js';

export interface TransportOptions extends Omit<BaseClientOptions, 'onRetry'> {
  // Each client narrows the event to its own errors; here any member may pass.
  readonly onRetry?: ((event: RetryEvent<any>) => void) | undefined;
  readonly baseUrl: URL;
  /** The header the credential goes in, and what precedes it there. */
  readonly auth: { readonly header: string; readonly scheme: string; readonly credential: Credential };
}

/** The request would not have reached the operation's own path; it was not sent. */
export class TargetError extends Error {}

/** Checks the request still targets the operation's own path on the API's origin, then
 * adds the credential, read afresh, and hands back what it sent. */
export async function authorize(request: Request, expected: string, { header, scheme, credential }: TransportOptions['auth']): Promise<string> {
  // The Request has normalized its URL: a dot segment or a different origin shows here.
  const { url } = request;
  if (url !== expected && !url.startsWith(`${expected}?`)) throw new TargetError();
  const value = await readCredential(credential);
  request.headers.set(header, scheme + value);
  return value;
}

/** How the client's fetch is reached: the injected one, or the global one at call time. */
export const fetchOf = (options: Pick<TransportOptions, 'fetch'>) => options.fetch ?? ((request: Request) => fetch(request));

export function createTransport(options: TransportOptions) {
  const base = withoutTrailingSlash(options.baseUrl);
  const checkedHeaders = extraHeaders(options.headers, 'headers');
  if (!Array.isArray(checkedHeaders)) throw new TypeError(`${checkedHeaders.parameter} ${checkedHeaders.rule}`);
  const clientHeaders = checkedHeaders;
  const { credential } = options.auth;
  const sendRequest = fetchOf(options);

  // Global fetch honours the attempt's signal by itself; a credential function or an
  // injected fetch might not, so their attempts are raced against the signal.
  const mayIgnoreSignal = typeof credential === 'function' || options.fetch !== undefined;

  async function attempt<T, E>(
    operation: Operation<T, E>,
    describe: (what: string, requestId?: string) => string,
    signal: AbortSignal | undefined,
    limit: { readonly scope: 'attempt' | 'total'; readonly ms: number; readonly wait: number },
    headers: readonly (readonly [string, string])[],
    /** The operation's own URL, without the query: the request must go there. */
    url: string,
  ): Promise<Result<T, E | ClientFailure>> {
    // setTimeout fires at once for delays past 2^31 - 1 ms: treat those as no limit.
    const timed = limit.wait < 2 ** 31;
    const controller = timed || signal ? new AbortController() : undefined;
    const abort = () => controller?.abort();
    const timer = timed ? setTimeout(abort, limit.wait) : undefined;
    let sent: string | undefined;
    // Auth happens in this attempt, so the attempt knows the credential it sent and can
    // keep it out of whatever error it returns.
    const exchange = async () => {
      const { method, path } = operation.spec;
      const search = serializeQuery(operation.params?.query);
      const request = new Request(`${base}${serializePath(path, operation.params?.path)}${search && `?${search}`}`, {
        method,
        redirect: 'manual',
        ...(controller ? { signal: controller.signal } : {}),
        ...(operation.body === undefined ? {} : { body: JSON.stringify(operation.body), headers: { 'Content-Type': 'application/json' } }),
      });
      for (const [name, value] of headers) request.headers.set(name, value);
      sent = await authorize(request, url, options.auth);
      const response = await sendRequest(request);
      return { response, text: await response.text() };
    };
    // One listener on the caller's signal however many calls share it: see onAbort.
    const stopWatching = signal ? onAbort(signal, abort) : undefined;
    try {
      if (signal?.aborted) throw signal.reason;
      const exchanged = exchange();
      const { response, text } = controller && mayIgnoreSignal ? await untilAborted(exchanged, controller.signal) : await exchanged;
      const result = classify(operation.read, operation.spec.secrets, describe, response, text);
      return result.ok || sent === undefined ? result : withResponse({ ...result, error: redact(result.error, sent) }, response);
    } catch (cause) {
      const fail = (error: ClientFailure): Result<T, E | ClientFailure> => withResponse({ ok: false, error }, undefined);
      if (signal?.aborted) return fail({ kind: 'aborted', reason: signal.reason, message: describe('aborted') });
      if (controller?.signal.aborted) {
        const what = `timed out after ${limit.ms} ms${limit.scope === 'total' ? ' in all' : ''}`;
        return fail({ kind: 'timeout', scope: limit.scope, ms: limit.ms, message: describe(what) });
      }
      if (cause instanceof CredentialError) {
        const failure: ClientFailure = { kind: 'credential', rule: cause.message, message: describe(cause.message) };
        return fail(cause.cause === undefined ? failure : { ...failure, cause: cause.cause });
      }
      if (cause instanceof TargetError) return fail(notSent('path', "must resolve to the operation's own path", describe));
      const code = systemCode(cause);
      const reason = networkReason(cause);
      const what = code ? `network error ${code}` : reason ? `network error: ${reason}` : 'network error';
      const failure: ClientFailure = { kind: 'network', ...(code ? { code } : {}), cause, message: describe(what) };
      return fail(failure);
    } finally {
      clearTimeout(timer);
      stopWatching?.();
    }
  }

  /**
   * Sends an operation with the call's retry policy and time limits. Never rejects:
   * every outcome is a result.
   */
  async function send<T, E extends AnyError>(operation: Operation<T, E>, call: CallOptions = {}): Promise<Result<T, E | ClientFailure>> {
    const result = await attempts(operation, call);
    if (result.ok) return result;
    // Every error names its operation, so a caller never reads it out of the message.
    const { message, ...member } = result.error;
    return withResponse({ ...result, error: { ...member, operationId: operation.spec.id, message } as unknown as E | ClientFailure }, result.response);
  }

  async function attempts<T, E extends AnyError>(operation: Operation<T, E>, call: CallOptions): Promise<Result<T, E | ClientFailure>> {
    const { method, path, effect } = operation.spec;
    // A read sent as a POST (Captain's object listing) is retried like a GET.
    const policy = callPolicy(effect === 'read' ? 'GET' : method, options.retry, call.retry);
    const attemptMs = call.timeout ?? options.timeout ?? 10_000;
    const totalMs = call.totalTimeout ?? options.totalTimeout ?? 30_000;
    const broken = refusal(operation.spec, { ...operation.params, body: operation.body }, operation.nameOf);
    // A message names the real URL of what was sent; a refused request, its template.
    const template = (what: string) => failureMessage(what, method, base + path);
    if (broken) return withResponse({ ok: false, error: notSent(...broken, template) }, undefined);
    const headers = extraHeaders(call.headers, 'headers');
    if (!Array.isArray(headers)) return withResponse({ ok: false, error: notSent(headers.parameter, headers.rule, template) }, undefined);
    const url = base + serializePath(path, operation.params?.path);
    const allHeaders = headers.length === 0 ? clientHeaders : [...clientHeaders, ...headers];
    const describe = (what: string, requestId?: string) => failureMessage(what, method, url, requestId);
    const deadline = Date.now() + totalMs;
    for (let n = 1; ; n++) {
      const left = Math.max(0, deadline - Date.now());
      const limit =
        attemptMs < left
          ? { scope: 'attempt' as const, ms: attemptMs, wait: attemptMs }
          : { scope: 'total' as const, ms: totalMs, wait: left };
      const result = await attempt(operation, describe, call.signal, limit, allHeaders, url);
      if (result.ok || n >= policy.attempts || !retryable(result.error)) return result;
      const delay = retryAfter(result.response?.headers.get('retry-after') ?? null) ?? backoff(n, policy);
      if (delay > policy.maxDelay || Date.now() + delay >= deadline) return result;
      try {
        options.onRetry?.({ attempt: n, delay, reason: result.error, method, path });
      } catch {
        // An observer that throws must not change the call's outcome: results never reject.
      }
      if (await sleep(delay, call.signal)) {
        const error: ClientFailure = { kind: 'aborted', reason: call.signal?.reason, message: describe('aborted') };
        return withResponse({ ok: false, error }, result.response);
      }
    }
  }

  return send;
}

function retryable(error: AnyError): boolean {
  if (error.kind === 'network') return true;
  if (error.kind === 'timeout') return (error as { scope?: string }).scope === 'attempt';
  const { status } = error as { status?: number };
  return (error.kind === 'api' || error.kind === 'unexpected_response') && retryableStatuses.has(status ?? 0);
}

function notSent(parameter: string, rule: string, describe: (what: string) => string): InvalidInput {
  return { kind: 'invalid_input', parameter, rule, message: describe(`not sent, ${parameter} ${rule}`) };
}
