'use strict';
// What n8n-core's DI logger recorded in this test file (see setup.js).
function engineLogLines() {
	return globalThis.__heroEngineLogLines || [];
}
module.exports = { engineLogLines };
