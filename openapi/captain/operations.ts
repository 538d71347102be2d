// The Captain table of operations: what the spec cannot say about each operation, one
// row each. `npm run generate` checks every row against the spec and writes the whole
// table into generated/captain/; the client, the CLI, the MCP server, the fake and the
// mock all read it from there. See openapi/README.md, "The table of operations".
import { defineApi } from '../../scripts/codegen/source.js';

const versionsPlan = (action: string) => ({ read: 'listObjectVersions', keys: ['projectId', 'bucket', 'key'], find: 'versionId', action });

export default defineApi({
  api: 'captain',
  input: 'flat',
  // The path calls the bucket `name`; the client's input calls it `bucket`.
  rename: { name: 'bucket' },
  // The API version is a path parameter; the client speaks version 1.
  fixed: { version: '1' },
  flags: [
    { flag: '--project <id>', sets: 'projectId', help: "the project's GUID" },
    { flag: '--bucket <name>', sets: 'bucket', help: "the bucket's name" },
    { flag: '--key <key>', sets: 'key', help: "the object's key" },
    { flag: '--search <text>', sets: 'search', help: 'only buckets whose name holds this' },
    { flag: '--max-keys <n>', sets: 'maxKeys', help: 'items a page' },
    { flag: '--continuation-token <key>', sets: 'continuationToken', help: 'start after this key' },
    { flag: '--key-marker <key>', sets: 'keyMarker', help: 'start after this key …' },
    { flag: '--version-id-marker <id>', sets: 'versionIdMarker', help: '… and this version' },
    { flag: '--version-id <id>', sets: 'versionId', help: "the version's ID" },
  ],
  operations: {
    listBuckets: {
      effect: 'read',
      paging: { kind: 'single', items: 'result', narrow: 'pass search to list only the buckets whose name holds it' },
      example: '--project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6',
    },
    listObjects: {
      effect: 'read',
      because: "Captain's object listing is a POST that changes nothing.",
      paging: {
        kind: 'after',
        items: 'result.objectListModel',
        more: 'resultInfo.hasNextPage',
        next: { continuationToken: 'key' },
        size: 'maxKeys',
        walkSize: 'pageSize',
        narrow: 'pass a smaller maxKeys, or a deeper folder as key',
      },
      help: { key: 'the folder key, such as photos/2021/', maxKeys: 'objects a page' },
      example: '--project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/ --all',
    },
    listObjectVersions: {
      effect: 'read',
      paging: {
        kind: 'after',
        items: 'result',
        more: 'resultInfo.hasNextPage',
        next: { keyMarker: 'key', versionIdMarker: 'versionId' },
        size: 'maxKeys',
        walkSize: 'pageSize',
        narrow: 'pass a smaller maxKeys',
      },
      help: { maxKeys: 'versions a page' },
      example: '--project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/a.jpg --all',
    },
    restoreObjectVersion: {
      effect: 'overwrite',
      idempotent: false,
      because: 'Each restore writes a new copy of the version as the current one, so it is never sent twice.',
      plan: versionsPlan('make this version the current version of the object again'),
      example: '--project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/a.jpg --version-id 3HL4kqtJ --yes',
    },
    deleteObjectVersion: {
      effect: 'delete',
      plan: versionsPlan('delete this version of the object for good'),
      example: '--project f5faa2e3-316b-4dd0-8f4d-ab41f6f71bd6 --bucket photos --key 2021/a.jpg --version-id 3HL4kqtJ --yes',
    },
  },
});
