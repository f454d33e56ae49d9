'use strict';
// Generated reports under docs/. `npm run docs` writes them (writingDocs); any other run only
// compares, so a test run never touches a tracked file. A report may be
// made of sections, each owned by one suite, between <!-- section:NAME --> markers.
const fs = require('fs');
const path = require('path');
const { ROOT, writingDocs } = require('../harness/files');

const open = (name) => `<!-- section:${name} -->`;
const close = (name) => `<!-- /section:${name} -->`;

function sectionOf(text, name) {
	const start = text.indexOf(open(name));
	const end = text.indexOf(close(name));
	if (start < 0 || end < start) return undefined;
	return { start, end: end + close(name).length, body: text.slice(start + open(name).length, end) };
}

function checkSection(relative, name, body) {
	const file = path.join(ROOT, relative);
	const committed = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
	const found = sectionOf(committed, name);
	const wanted = `\n${body.trim()}\n`;
	if (writingDocs()) {
		const block = `${open(name)}${wanted}${close(name)}`;
		const next = found
			? committed.slice(0, found.start) + block + committed.slice(found.end)
			: `${committed.trimEnd()}\n\n${block}\n`;
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, next);
		return;
	}
	if (!found || found.body !== wanted) {
		throw new Error(
			`${relative} (section ${name}) is not what this suite produces now: run npm run docs and commit it`,
		);
	}
}

/**
 * A section of a report that a suite fills while it runs: after the suite's last test, `render`
 * gives its text, which `npm run docs` writes and any other run compares with the committed file.
 */
function reportSection(relative, name, render) {
	afterAll(() => checkSection(relative, name, render()));
}

module.exports = { checkSection, reportSection };
