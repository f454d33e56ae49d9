'use strict';
// Runs before each test file. n8n-core reports node errors through its own DI logger, which
// prints to the console; record those lines instead, so tests stay readable and the secret
// scan can read them.
const path = require('path');

const fromCore = (name) =>
	require(require.resolve(name, { paths: [path.dirname(require.resolve('n8n-core'))] }));
const { Container } = fromCore('@n8n/di');
const { Logger } = fromCore('@n8n/backend-common');

const lines = [];
const record = (level) => (message, meta) => {
	lines.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
};
const recorder = {
	error: record('error'),
	warn: record('warn'),
	info: record('info'),
	debug: record('debug'),
	scoped: () => recorder,
};
Container.set(Logger, recorder);
globalThis.__heroEngineLogLines = lines;
