/** A rule: the text of the rule a value breaks, or undefined when it passes. */
export type Rule = (value: unknown) => string | undefined;

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ipv4Shaped = /^\d{1,3}(\.\d{1,3}){3}$/;

/** A non-empty, well-formed string: lone surrogates cannot be percent-encoded. */
export const text: Rule = (value) =>
  typeof value !== 'string'
    ? 'must be a string'
    : value === ''
      ? 'must not be empty'
      : value.isWellFormed()
        ? undefined
        : 'must be well-formed Unicode (no lone surrogates)';

export const projectGuid: Rule = (value) => text(value) ?? (guid.test(value as string) ? undefined : 'must be a GUID such as f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6');

export const bucketName: Rule = (value) => {
  const broken = text(value);
  if (broken) return broken;
  const name = value as string;
  if (name.length < 3 || name.length > 63) return 'must be 3 to 63 characters long';
  if (!/^[a-z0-9.-]+$/.test(name)) return 'may hold only lowercase letters, digits, dots and hyphens';
  if (!/^[a-z0-9].*[a-z0-9]$/.test(name)) return 'must begin and end with a letter or digit';
  return ipv4Shaped.test(name) ? 'must not look like an IPv4 address' : undefined;
};

/** Any non-empty string but `.` and `..`, which URLs treat as directory steps. */
export const objectKey: Rule = (value) =>
  text(value) ?? (value === '.' || value === '..' ? "must not be '.' or '..'" : undefined);

export const pageSize: Rule = (value) =>
  Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 2 ** 31 - 1
    ? undefined
    : 'must be an integer from 1 to 2147483647';

/** A parameter, its value and its rule; optional ones are skipped when undefined. */
export type Check = readonly [parameter: string, value: unknown, rule: Rule, optional?: boolean];

/** The first parameter that breaks its rule, with the rule, or undefined. */
export function firstBroken(checks: readonly Check[]): [parameter: string, rule: string] | undefined {
  for (const [parameter, value, rule, optional] of checks) {
    if (optional && value === undefined) continue;
    const broken = rule(value);
    if (broken) return [parameter, broken];
  }
  return undefined;
}
