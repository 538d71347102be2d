// The origin of the clients that only check input (they send nothing), and the refusals
// they give without it: a refusal names the operation's path, not a host no one called.
import type { AnyError } from '../core/errors.js';

export const checkerOrigin = 'http://checks.invalid';

export const withoutOrigin = (error: AnyError): AnyError => ({ ...error, message: error.message.split(checkerOrigin).join('') }) as AnyError;
