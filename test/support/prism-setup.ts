import type { TestProject } from 'vitest/node';
import { startMock } from '../../scripts/prism.js';

declare module 'vitest' {
  export interface ProvidedContext {
    katapultMockUrl: string;
    captainMockUrl: string;
  }
}

/** One Prism mock per API for the whole run, stopped even when tests fail. */
export default async function setup(project: TestProject) {
  const mocks = await Promise.all([startMock('katapult'), startMock('captain')]);
  project.provide('katapultMockUrl', mocks[0].url);
  project.provide('captainMockUrl', mocks[1].url);
  return async () => {
    await Promise.all(mocks.map((mock) => mock.stop()));
  };
}
