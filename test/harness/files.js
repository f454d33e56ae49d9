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
