'use strict';
// File access for tests (Node built-ins stay out of the linted TypeScript).
const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..', '..');

function readProjectFile(relative) {
	return fs.readFileSync(path.join(ROOT, relative), 'utf8');
}

function writeProjectFile(relative, text) {
	const file = path.join(ROOT, relative);
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.writeFileSync(file, text);
}

module.exports = { ROOT, readProjectFile, writeProjectFile };

/** Writes a file under the OS temp folder and returns its path. */
function writeTempFile(name, text) {
	const os = require('os');
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-test-'));
	const file = path.join(dir, name);
	fs.writeFileSync(file, text);
	return file;
}

module.exports.writeTempFile = writeTempFile;
