'use strict';
// The README's operations table, read from the node's operation entries.

const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

function escape(text) {
	return String(text).replace(/\|/g, '\\|');
}

/** Markdown for every resource and operation, resources and operations in UI order. */
function operationsTable(resources) {
	const lines = [
		'| Resource | Operation | Hero reference name | Endpoint |',
		'| --- | --- | --- | --- |',
	];
	let count = 0;
	for (const resource of [...resources].sort((a, b) => a.name.localeCompare(b.name))) {
		for (const op of [...resource.operations].sort((a, b) => a.name.localeCompare(b.name))) {
			if (op.custom) {
				lines.push(`| ${escape(resource.name)} | ${escape(op.name)} | (any endpoint) | any method and path |`);
				continue;
			}
			count += 1;
			const flag = op.inferred ? ' (inferred)' : '';
			lines.push(`| ${escape(resource.name)} | ${escape(op.name)}${flag} | ${escape(op.heroName)} | \`${op.method} ${op.path}\` |`);
		}
	}
	lines.push('', `${count} Hero operations. "(inferred)": Hero documents the operation but its endpoint could not be read, so it was inferred; test it on staging first.`);
	return lines.join('\n');
}

/** The README with its table replaced; throws when the markers are missing. */
function withTable(readme, resources) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md needs ${START} and ${END} markers`);
	return `${readme.slice(0, start + START.length)}\n${operationsTable(resources)}\n${readme.slice(end)}`;
}

module.exports = { operationsTable, withTable, START, END };
