import { arch, availableParallelism, cpus, release, totalmem, type, version } from 'node:os';

/** What the numbers were measured on. */
export function machine() {
  const cores = cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpu: cores[0]?.model ?? 'unknown',
    cores: cores.length,
    availableParallelism: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()} (${version()}) ${arch()}`,
  };
}
