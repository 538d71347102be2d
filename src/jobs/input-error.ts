/**
 * A job's argument that it cannot act on, named, with the rule it breaks: thrown before
 * anything is sent. A `TypeError`, as the clients' own refusals at creation are.
 */
export class JobInputError extends TypeError {
  override readonly name = 'JobInputError';

  constructor(
    /** The argument, as the job names it: `keepLatest`; `input` for a rule across several. */
    readonly parameter: string,
    /** The rule it breaks: `must be a valid Date`. */
    readonly rule: string,
    message = `${parameter} ${rule}`,
  ) {
    super(message);
  }
}
