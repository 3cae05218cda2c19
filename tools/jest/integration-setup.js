// setupFilesAfterEnv for every jest.integration.config.cts: real services are slower than mocks,
// and a project's own `testTimeout` is ignored when jest runs several projects at once.
jest.setTimeout(60_000);
