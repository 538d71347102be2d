import type { Credential } from './options.js';

/** Thrown inside the request pipeline when no credential can be sent; never holds it. */
export class CredentialError extends Error {
  override readonly name = 'CredentialError';
}

/** Reads the credential afresh for one request, and checks it can go in a header. */
export async function readCredential(credential: Credential): Promise<string> {
  let value: unknown;
  try {
    value = typeof credential === 'function' ? await credential() : credential;
  } catch (cause) {
    // The function's own error goes along as the cause, for the logs.
    throw new CredentialError('the credential function threw', { cause });
  }
  if (typeof value !== 'string' || value === '') throw new CredentialError('the credential must be a non-empty string');
  // Header values may not hold control characters; refusing here keeps the value out of
  // the platform's own error text.
  if (/[\0-\x1f\x7f]/.test(value) || value !== value.trim()) {
    throw new CredentialError('the credential holds characters a header cannot carry');
  }
  return value;
}

/** Checks at creation that a credential was given: a string or a function. */
export function assertCredential(value: unknown, parameter: string): Credential {
  if ((typeof value === 'string' && value !== '') || typeof value === 'function') return value as Credential;
  throw new TypeError(`${parameter} must be a non-empty string or a function that returns one`);
}
