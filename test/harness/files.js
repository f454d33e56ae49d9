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

/** Whether this run is `npm run docs` (HERO_WRITE_DOCS=1), the only one that writes files. */
function writingDocs() {
	return process.env.HERO_WRITE_DOCS === '1';
}

/** Writes a project file: only `npm run docs` may, never a test run. */
function writeProjectFile(relative, text) {
	if (!writingDocs()) throw new Error(`tests never write ${relative}; npm run docs does`);
	fs.writeFileSync(path.join(ROOT, relative), text);
}

module.exports.writeProjectFile = writeProjectFile;
module.exports.writingDocs = writingDocs;

/** Whether a file or folder exists in the project. */
function projectPathExists(relative) {
	return fs.existsSync(path.join(ROOT, relative));
}

/** The names in a project folder, folders ending in `/`. */
function listProjectFolder(relative) {
	return fs
		.readdirSync(path.join(ROOT, relative), { withFileTypes: true })
		.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
}

module.exports.projectPathExists = projectPathExists;
module.exports.listProjectFolder = listProjectFolder;
