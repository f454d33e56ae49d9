'use strict';
// The README's operations table, read from the node's operation entries.

const START = '<!-- operations:start -->';
const END = '<!-- operations:end -->';

function escape(text) {
	return String(text).replace(/\|/g, '\\|');
}

/** Markdown for every resource and operation, resources and operations in UI order. */
const LEVEL = { documented: 'yes', partial: 'partly', inferred: 'inferred' };
/** From best to worst. */
const RANK = ['documented', 'partial', 'inferred'];

/** `fidelityOf` reads each operation's level from the spec's markers (scripts/codegen/fidelity.js). */
function operationsTable(resources, fidelityOf) {
	const lines = [
		'| Resource | Operation | Hero reference name | Endpoint | Documented |',
		'| --- | --- | --- | --- | --- |',
	];
	let count = 0;
	for (const resource of [...resources].sort((a, b) => a.name.localeCompare(b.name))) {
		for (const op of [...resource.operations].sort((a, b) => a.name.localeCompare(b.name))) {
			if (op.custom) {
				lines.push(
					`| ${escape(resource.name)} | ${escape(op.name)} | (any endpoint) | any method and path | - |`,
				);
				continue;
			}
			if (op.run) {
				// A runner of its own: every endpoint it calls, documented as well as the least of them.
				const calls = [op, ...(op.calls ?? [])];
				const worst = calls
					.map((call) => fidelityOf({ ...op, ...call }).level)
					.sort((a, b) => RANK.indexOf(b) - RANK.indexOf(a))[0];
				const endpoints = calls.map((call) => `\`${call.method} ${call.path}\``).join(', ');
				lines.push(
					`| ${escape(resource.name)} | ${escape(op.name)} | ${escape(op.heroName)} | ${endpoints} | ${LEVEL[worst]} |`,
				);
				continue;
			}
			count += 1;
			const level = LEVEL[fidelityOf(op).level];
			lines.push(
				`| ${escape(resource.name)} | ${escape(op.name)} | ${escape(op.heroName)} | \`${op.method} ${op.path}\` | ${level} |`,
			);
		}
	}
	const counts = Object.keys(LEVEL).map(
		(level) =>
			resources
				.flatMap((r) => r.operations)
				.filter((op) => !op.custom && !op.run && fidelityOf(op).level === level).length,
	);
	lines.push(
		'',
		`${count} Hero operations. *Documented*, read from the bundled spec's own markers: **yes** (${counts[0]}), Hero's page was captured whole; **partly** (${counts[1]}), part of the request or response was not captured; **inferred** (${counts[2]}), Hero documents the operation but its endpoint could not be read, so it was inferred. The node shows a notice on every operation that is not **yes**; test those on staging first.`,
	);
	return lines.join('\n');
}

/** The README with its table replaced; throws when the markers are missing. */
function withTable(readme, resources, fidelityOf) {
	const start = readme.indexOf(START);
	const end = readme.indexOf(END);
	if (start < 0 || end < start) throw new Error(`README.md needs ${START} and ${END} markers`);
	return `${readme.slice(0, start + START.length)}\n${operationsTable(resources, fidelityOf)}\n${readme.slice(end)}`;
}

module.exports = { operationsTable, withTable, START, END };
