// A copy of the project's Katapult spec with one operation added, made as a contributor
// adds one: the spec's path file (and its line in the root document), and the operation's
// row in the table. Nothing else is edited; the copy is bundled and generated as
// `npm run build` does, into a folder inside the project so its modules find the sources.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { bundle } from '../../scripts/bundle.js';
import { generate, loadTable } from '../../scripts/codegen/generate.js';
import { root } from '../../scripts/codegen/paths.js';
import type { ApiSource } from '../../scripts/codegen/source.js';

/** The made-up operation: set a bucket's storage class, one of two (an enum). */
export const madeUp = {
  id: 'setBucketStorageClass',
  path: '/object_storage/object_storage_cluster/buckets/bucket/storage_class',
  file: 'object_storage_object_storage_cluster_buckets_bucket_storage_class.yaml',
} as const;

const pathFile = `post:
  operationId: setBucketStorageClass
  summary: Set a bucket's storage class
  description: |
    Moves the bucket to another storage class. The cluster is looked up by region and the
    bucket by name. On success the body is the bucket.
  tags:
    - Buckets
  security:
    - bearerAuth: []
    - oauth2:
        - api.katapult.io/core/v1/object_storage
  requestBody:
    required: true
    content:
      application/json:
        schema:
          type: object
          additionalProperties: false
          required: [object_storage_cluster, bucket, properties]
          properties:
            object_storage_cluster:
              $ref: ../components/schemas/ObjectStorageClusterLookup.yaml
            bucket:
              $ref: ../components/schemas/BucketLookup.yaml
            properties:
              type: object
              additionalProperties: false
              required: [storage_class]
              properties:
                storage_class:
                  type: string
                  description: The storage class to move the bucket to.
                  enum: [standard, archive]
  responses:
    '200':
      description: The bucket, in its new class.
      content:
        application/json:
          schema:
            $ref: ../components/schemas/BucketResult.yaml
    '400':
      $ref: ../components/responses/BadRequestWithBody.yaml
    '403':
      $ref: ../components/responses/Forbidden.yaml
    '404':
      $ref: ../components/responses/BucketNotFound.yaml
`;

export interface MadeUp {
  /** The folder holding the copy: its bundles in `generated/`, its modules in `generated/katapult/`. */
  readonly dir: string;
  readonly table: ApiSource;
  /** The bundled spec with the operation. */
  readonly bundle: string;
  /** The generated modules to put in place of the project's. */
  readonly modules: { readonly index: string; readonly table: string };
  remove(): void;
}

export async function madeUpKatapult(): Promise<MadeUp> {
  mkdirSync(join(root, 'node_modules/.cache'), { recursive: true });
  const dir = mkdtempSync(join(root, 'node_modules/.cache/made-up-'));
  cpSync(join(root, 'openapi'), join(dir, 'openapi'), { recursive: true });
  cpSync(join(root, 'scripts/redocly'), join(dir, 'scripts/redocly'), { recursive: true });
  cpSync(join(root, 'redocly.yaml'), join(dir, 'redocly.yaml'));
  // The first hand edit: the path file, and its line among the root document's paths.
  writeFileSync(join(dir, 'openapi/katapult/paths', madeUp.file), pathFile);
  const rootDocument = join(dir, 'openapi/katapult/openapi.yaml');
  writeFileSync(rootDocument, readFileSync(rootDocument, 'utf8').replace('paths:\n', `paths:\n  ${madeUp.path}:\n    $ref: paths/${madeUp.file}\n`));
  // The second: the operation's row in the table.
  const katapult = await loadTable('katapult');
  const table: ApiSource = {
    ...katapult,
    operations: {
      ...katapult.operations,
      [madeUp.id]: {
        effect: 'overwrite',
        because: 'A POST that overwrites: the bucket leaves its storage class for another.',
        plan: { read: 'getBucket', keys: ['object_storage_cluster', 'bucket'], action: "change the bucket's storage class" },
        example: `--bucket backups --properties {"storage_class":"archive"} --yes`,
      },
    },
  };
  // Then the build, as `npm run build` runs it.
  const generated = join(dir, 'generated');
  bundle(generated, dir);
  await generate({ specDir: generated, tables: { katapult: table }, types: false, src: relative(join(generated, 'katapult'), join(root, 'src')) });
  return {
    dir,
    table,
    bundle: join(generated, 'katapult.json'),
    modules: { index: join(generated, 'katapult/index.ts'), table: join(generated, 'katapult/table.ts') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
