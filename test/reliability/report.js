'use strict';
// Writes a generated report under docs/. Locally it is simply rewritten; in CI a report that
// differs from the committed one fails, since the committed file must be current.
const fs = require('fs');
const path = require('path');
const { ROOT } = require('../harness/files');

function writeReport(relative, text) {
	const file = path.join(ROOT, relative);
	const before = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
	const stale = before !== text;
	return { stale, inCi: process.env.CI === 'true' };
}

module.exports = { writeReport };
