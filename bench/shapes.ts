// The three request shapes the benchmark sends, and the answers both the loopback
// server and the in-memory fetch give them.

export type ShapeName = 'captain-list' | 'katapult-revoke' | 'katapult-403';

export const projectId = 'f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6';
export const bucket = 'photos';
export const key = '2021/a.jpg';
export const maxKeys = 100;
export const apiKey = 'captain-key';
export const token = 'katapult-token';
export const revokeBody = { object_storage_cluster: { region: 'uk-lon-1' }, bucket: { name: 'backups' } };

/** Katapult calls under this prefix are refused with 403 scope_not_granted. */
export const deniedPrefix = '/denied';
export const katapultPath = '/core/v1';

const version = (n: number) => ({
  key,
  versionId: `v${n}`,
  isLatest: n === 1,
  isDeleteMarker: false,
  lastModified: '2024-05-01T10:00:00Z',
  size: 1024 * n,
});

export const answers: Record<ShapeName, { readonly status: number; readonly body: string }> = {
  'captain-list': {
    status: 200,
    body: JSON.stringify({
      success: true,
      errors: [],
      messages: [],
      result: [version(1), version(2), version(3)],
      resultInfo: { totalCount: 3, pageIndex: 0, pageSize: 100, totalPages: 1, hasNextPage: false, hasPreviousPage: false },
    }),
  },
  'katapult-revoke': { status: 200, body: JSON.stringify({ success: true }) },
  'katapult-403': {
    status: 403,
    body: JSON.stringify({
      error: {
        code: 'scope_not_granted',
        description: 'The scope required for this endpoint has not been granted to the authenticating identity',
        detail: { scopes: ['object_storage'] },
      },
    }),
  },
};

/** Which answer a request gets, from its method and path alone. */
export function shapeOf(method: string, pathname: string): ShapeName | undefined {
  if (method === 'GET' && pathname.startsWith('/api/v1/projects/')) return 'captain-list';
  if (method === 'POST' && pathname.startsWith(`${deniedPrefix}${katapultPath}/`)) return 'katapult-403';
  if (method === 'POST' && pathname.startsWith(`${katapultPath}/`)) return 'katapult-revoke';
  return undefined;
}

export const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };
