'use strict';
// Generated reports under docs/. `npm run docs` sets HERO_WRITE_DOCS=1 and they are written;
// any other run only compares, so a test run never touches a tracked file.
const fs = require('fs');
const path = require('path');
const { ROOT } = require('../harness/files');

function checkReport(relative, text) {
	const file = path.join(ROOT, relative);
	if (process.env.HERO_WRITE_DOCS === '1') {
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, text);
		return;
	}
	const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
	if (committed !== text) {
		throw new Error(`${relative} is not what this suite produces now: run npm run docs and commit it`);
	}
}

module.exports = { checkReport };
