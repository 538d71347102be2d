import type { GenerateAccessKeyCredentialsError, GetAccessKeyError, GetBucketError, RevokePresignedUrlsError } from '../../generated/katapult.methods.js';
import type { AccessKey, KatapultClient } from '../katapult/client.js';
import { jobContext, outcomeOf, runItems, type JobOptions, type JobReport, type Outcome } from './run.js';
import { mayHaveHappened } from './transient.js';

/** Which buckets to revoke the presigned URLs of: their names, all in one region. */
export interface RevokeAcrossBucketsInput {
  /** The cluster's region, such as `uk-lon-1`. */
  readonly region: string;
  /** Bucket names. Katapult has no operation that lists buckets, so they come from you. */
  readonly buckets: readonly string[];
}

export type RevokeAcrossBucketsError = RevokePresignedUrlsError | GetBucketError;

/**
 * Revokes the presigned URLs of many buckets at once, at the rate the server allows: the
 * job for a leak. A dry run looks each bucket up instead. Revoking is harmless to repeat,
 * so a call whose answer was lost is sent again, and a second run repeats it: the API
 * cannot tell whether URLs were issued since.
 *
 * @example
 * const report = await revokePresignedUrlsAcrossBuckets(katapult, { region: 'uk-lon-1', buckets: ['backups', 'logs'] });
 * for (const { item, error } of report.failed) console.error(item, error.message);
 */
// Jobs pass no signal to the calls themselves: an abort stops what has not been sent, and
// what is in flight finishes, so the report says truly what was done.
export async function revokePresignedUrlsAcrossBuckets(
  katapult: KatapultClient,
  { region, buckets }: RevokeAcrossBucketsInput,
  options: JobOptions = {},
): Promise<JobReport<string, RevokeAcrossBucketsError>> {
  const context = jobContext(options);
  const call = { retry: false } as const;
  const unique = [...new Set(buckets)];
  return runItems<string, RevokeAcrossBucketsError>(
    unique,
    async (name) => {
      const lookup = { object_storage_cluster: { region }, bucket: { name } };
      const read = context.dryRun ? () => katapult.getBucket(lookup, call) : () => katapult.revokePresignedUrls(lookup, call);
      return outcomeOf(await context.pacer.run<unknown, RevokeAcrossBucketsError>(read));
    },
    (name) => name,
    context,
    options,
  );
}

export interface RotateCredentialsInput {
  readonly accessKey: { readonly id: string };
  /** The S3 access key ID in use now, the one to replace. When the key no longer uses it,
   * it was rotated already and the job does nothing: a second run is safe. */
  readonly replacing?: string | undefined;
}

export type RotateCredentialsError = GetAccessKeyError | GenerateAccessKeyCredentialsError;

export interface RotateCredentialsReport extends JobReport<string, RotateCredentialsError> {
  /** The key with its new credentials, `s3_secret_access_key` included: shown once. */
  readonly accessKey?: AccessKey;
}

/**
 * Rotates an access key's S3 credentials: generates new ones, which replace the old. Pass
 * `replacing` (the leaked S3 access key ID) so that a second run finds nothing to do.
 *
 * @example
 * const { accessKey } = await rotateAccessKeyCredentials(katapult, { accessKey: { id: 'objkey_…' }, replacing: '3f9c2a7e…' });
 */
export async function rotateAccessKeyCredentials(
  katapult: KatapultClient,
  { accessKey, replacing }: RotateCredentialsInput,
  options: JobOptions = {},
): Promise<RotateCredentialsReport> {
  const context = jobContext(options);
  const call = { retry: false } as const;
  let rotated: AccessKey | undefined;
  const report = await runItems<string, RotateCredentialsError>(
    [accessKey.id],
    async (id): Promise<Outcome<RotateCredentialsError>> => {
      const current = await context.pacer.run(() => katapult.getAccessKey({ access_key: { id } }, call));
      if (!current.ok) return { error: current.error };
      const inUse = current.data.object_storage_access_key.s3_access_key_id;
      if (replacing !== undefined && inUse !== replacing) return { skipped: `already rotated: it uses ${inUse ?? 'no credentials'}, not ${replacing}` };
      if (context.dryRun) return { done: true };
      // Generating twice replaces the first new secret: when an answer is lost, the key is
      // read back before anything is sent again.
      for (let tries = 1; ; tries++) {
        const generated = await context.pacer.run(() => katapult.generateAccessKeyCredentials({ access_key: { id } }, call), { idempotent: false });
        if (generated.ok) rotated = generated.data.object_storage_access_key;
        if (generated.ok || !mayHaveHappened(generated.error)) return outcomeOf(generated);
        const after = await context.pacer.run(() => katapult.getAccessKey({ access_key: { id } }, call));
        if (!after.ok) return { uncertain: 'the answer to generating credentials was lost, and the key could not be read back to tell whether it happened', error: generated.error };
        const now = after.data.object_storage_access_key.s3_access_key_id;
        if (now !== inUse) return { uncertain: `new credentials were generated (the key now uses ${now ?? 'none'}), but the answer holding the secret was lost: rotate again`, error: generated.error };
        if (tries >= 2) return { uncertain: 'the answer to generating credentials was lost twice; the key still uses its old ones', error: generated.error };
      }
    },
    (id) => id,
    context,
    options,
  );
  return rotated ? { ...report, accessKey: rotated } : report;
}
