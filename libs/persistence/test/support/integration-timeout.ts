// jest ignores a project's `testTimeout` when the root config runs several projects at once.
jest.setTimeout(60_000);
