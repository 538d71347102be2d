/**
 * A documented Captain failure: the status with the envelope's `errors` and `messages`.
 * A 200 whose body says `success: false` is one too.
 */
export type CaptainApiError<S extends number> = S extends number
  ? {
      readonly kind: 'api';
      readonly status: S;
      readonly errors: readonly string[];
      readonly messages: readonly string[];
      /** The server's ID for the request, when it sent one. */
      readonly requestId?: string;
      /** The operation of the call that failed, by its operationId. */
      readonly operationId?: string;
      readonly message: string;
    }
  : never;
