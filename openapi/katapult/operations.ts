// The Katapult table of operations: what the spec cannot say about each operation, one
// row each. `npm run generate` checks every row against the spec and writes the whole
// table into generated/katapult/; the client, the CLI, the MCP server, the fake and the
// mock all read it from there. See openapi/README.md, "The table of operations".
import { defineApi } from '../../scripts/codegen/source.js';

const bucketPlan = (action: string) => ({ read: 'getBucket', keys: ['object_storage_cluster', 'bucket'], action });
const accessKeyPlan = (action: string) => ({ read: 'getAccessKey', keys: ['access_key'], action });

export default defineApi({
  api: 'katapult',
  input: 'mirror',
  flags: [
    { flag: '--org <sub_domain>', sets: 'organization.sub_domain', help: "the organization's sub-domain" },
    { flag: '--org-id <id>', sets: 'organization.id', help: "or the organization's ID" },
    { flag: '--region <region>', sets: 'object_storage_cluster.region', help: "the cluster's region", default: 'uk-lon-1' },
    { flag: '--bucket <name>', sets: 'bucket.name', help: "the bucket's name" },
    { flag: '--access-key <id>', sets: 'access_key.id', help: "the access key's ID" },
    { flag: '--path <path>', sets: 'path', help: "the object's path in the bucket" },
    { flag: '--page <n>', sets: 'page', help: 'the page, from 1' },
    { flag: '--per-page <n>', sets: 'per_page', help: 'items a page' },
    { flag: '--name <name>', sets: 'properties.name', help: 'the name to give it' },
    { flag: '--label <label>', sets: 'properties.label', help: "the bucket's label" },
    { flag: '--expiry <seconds>', sets: 'properties.expiry_seconds', help: "the presigned URL's lifetime in seconds" },
    { flag: '--properties <json>', sets: 'properties', help: 'any other properties, as JSON' },
  ],
  operations: {
    createAccount: { effect: 'create', example: '--org acme' },
    getAccount: { effect: 'read', example: '--org acme' },
    moveAccountToTrash: {
      effect: 'delete',
      plan: { read: 'getAccount', keys: ['organization', 'object_storage_cluster'], action: "move the organization's object storage account in this cluster to the trash" },
      example: '--org acme --yes',
    },
    listAccessKeys: {
      effect: 'read',
      paging: { kind: 'pagination', items: 'object_storage_access_keys', pagination: 'pagination', page: 'page', size: 'per_page', narrow: 'pass a smaller per_page' },
      example: '--org acme --all',
    },
    createAccessKey: { effect: 'create', example: '--org acme --name backup-writer' },
    getAccessKey: { effect: 'read', example: '--access-key objkey_000000000000001a' },
    updateAccessKey: { effect: 'overwrite', plan: accessKeyPlan("change the access key's properties"), example: '--access-key objkey_000000000000001a --name reader --yes' },
    deleteAccessKey: { effect: 'delete', plan: accessKeyPlan('delete the access key'), example: '--access-key objkey_000000000000001a --yes' },
    generateAccessKeyCredentials: {
      effect: 'overwrite',
      idempotent: false,
      because: 'A POST that replaces what exists: the old S3 credentials stop working, and each call makes new ones.',
      plan: accessKeyPlan("replace the access key's S3 credentials, so that the old ones stop working"),
      example: '--access-key objkey_000000000000001a --yes --json',
    },
    createBucket: { effect: 'create', example: '--org acme --name backups --label Nightly' },
    getBucket: { effect: 'read', example: '--bucket backups' },
    updateBucket: { effect: 'overwrite', plan: bucketPlan("change the bucket's properties"), example: '--bucket backups --label "Nightly backups" --yes' },
    deleteBucket: { effect: 'delete', plan: bucketPlan('delete the bucket'), example: '--bucket old-logs --yes' },
    revokePresignedUrls: {
      effect: 'delete',
      because: 'A POST that takes away: every presigned URL of the bucket issued so far stops working. Repeating it is harmless.',
      plan: bucketPlan('revoke every presigned URL of the bucket issued so far'),
      example: '--bucket backups --yes',
    },
    getObject: { effect: 'read', example: '--bucket backups --path db/latest.sql.gz' },
    createPresignedUrl: { effect: 'create', example: '--bucket backups --path db/latest.sql.gz --expiry 600' },
  },
});
