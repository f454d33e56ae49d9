/** @type {import('jest').Config} */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts', '**/*.test.js'],
	testPathIgnorePatterns: [
		'/node_modules/',
		'/test/e2e/',
		'/test/ui/',
		'/test/queue/',
		'/test/registry/',
		'/test/bench/',
	],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json', diagnostics: false }] },
	setupFiles: ['<rootDir>/test/harness/setup.js'],
	testTimeout: 60000,
	// Suites start their own loopback servers; two workers suit the 2-core machines here.
	maxWorkers: 2,
};
