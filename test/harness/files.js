'use strict';
// File access for tests (Node built-ins stay out of the linted TypeScript).
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');

function readProjectFile(relative) {
	return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

module.exports = { ROOT, readProjectFile };

/** Writes a file under the OS temp folder and returns its path. */
function writeTempFile(name, text) {
	const os = require('os');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-test-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

module.exports.writeTempFile = writeTempFile;
