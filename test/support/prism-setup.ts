import type { TestProject } from 'vitest/node';
import { startMock } from '../../scripts/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    katapultMockUrl: string;
    captainMockUrl: string;
  }
}

type Mocks = Awaited<ReturnType<typeof startMock>>[];

/** The mocks of the run, shared by the projects that need them: on globalThis, since each
 * project may load this module anew. */
const shared = globalThis as { prismMocks?: { started: Promise<Mocks>; users: number } | undefined };

/** One Prism mock per API for the whole run, whichever projects ask for it, stopped when
 * the last of them is done, even when tests fail. */
export default async function setup(project: TestProject) {
  shared.prismMocks ??= { started: Promise.all([startMock('katapult', { quiet: true }), startMock('captain', { quiet: true })]), users: 0 };
  const mocks = shared.prismMocks;
  mocks.users += 1;
  const [katapult, captain] = await mocks.started;
  project.provide('katapultMockUrl', katapult!.url);
  project.provide('captainMockUrl', captain!.url);
  return async () => {
    mocks.users -= 1;
    if (mocks.users > 0) return;
    shared.prismMocks = undefined;
    await Promise.all((await mocks.started).map((mock) => mock.stop()));
  };
}
