#!/usr/bin/env node
'use strict';
// npm run scan: n8n's verification scanner (@n8n/scan-community-package), both lint legs, offline
// on this tree: the attested source (package.json, nodes/, credentials/ of the committed tree)
// and the .js of the tarball `npm pack` makes. Fails on any finding.
// Scanner 0.32.0 pins TypeScript 7.0.2, which its own parser cannot load: it is installed in a
// throwaway folder with TypeScript 5.9 instead, and n8n-workflow beside it.
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { pathToFileURL } = require('url');

const ROOT = path.join(__dirname, '..');
const SCANNER = '0.32.0';
const TYPESCRIPT = '5.9.3';
const HOME = path.join(ROOT, '.n8n-local', `scanner-${SCANNER}`);

function run(command, args, cwd) {
	return execFileSync(command, args, {
		cwd,
		stdio: ['ignore', 'pipe', 'inherit'],
		encoding: 'utf8',
	});
}

function installScanner() {
	const marker = path.join(HOME, 'node_modules', '@n8n', 'scan-community-package', 'package.json');
	if (fs.existsSync(marker)) return;
	fs.mkdirSync(HOME, { recursive: true });
	const workflow = require('n8n-workflow/package.json').version;
	fs.writeFileSync(
		path.join(HOME, 'package.json'),
		JSON.stringify({
			name: 'hero-scanner',
			private: true,
			dependencies: {
				'@n8n/scan-community-package': SCANNER,
				'n8n-workflow': workflow,
				typescript: TYPESCRIPT,
			},
			overrides: { typescript: TYPESCRIPT },
		}),
	);
	process.stdout.write(
		`installing @n8n/scan-community-package@${SCANNER} (TypeScript ${TYPESCRIPT}) into ${HOME}\n`,
	);
	run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], HOME);
}

/**
 * A clean folder for one leg, with the scanner's node_modules linked in so that the scanned
 * files resolve n8n-workflow. Outside the project: `n8n-node lint` would lint the copies.
 */
function freshDir(work, name) {
	const dir = path.join(work, name);
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

async function main() {
	installScanner();
	const scanner = await import(
		pathToFileURL(
			path.join(HOME, 'node_modules', '@n8n', 'scan-community-package', 'scanner', 'scanner.mjs'),
		).href
	);

	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-scan-'));
	fs.symlinkSync(path.join(HOME, 'node_modules'), path.join(work, 'node_modules'), 'dir');
	const source = freshDir(work, 'source');
	// What provenance attests is the committed tree, not the working copy.
	const archive = path.join(work, 'source.tar');
	run(
		'git',
		['archive', '--format=tar', '-o', archive, 'HEAD', 'package.json', 'nodes', 'credentials'],
		ROOT,
	);
	run('tar', ['-xf', archive, '-C', source], ROOT);

	const packed = freshDir(work, 'tarball');
	run('npm', ['run', '--silent', 'build'], ROOT);
	const tarball = run('npm', ['pack', '--silent', '--pack-destination', packed], ROOT)
		.trim()
		.split('\n')
		.pop();
	run('tar', ['-xzf', path.join(packed, tarball), '-C', packed], ROOT);

	const legs = [
		['source (package.json, nodes/, credentials/ at HEAD)', source, scanner.SOURCE_FILE_PATTERNS],
		[`tarball (${tarball})`, path.join(packed, 'package'), undefined],
	];
	let failed = false;
	for (const [name, dir, patterns] of legs) {
		const result = await scanner.analyzePackage(dir, patterns);
		process.stdout.write(
			`${result.passed ? 'passed' : 'FAILED'}: ${name}${result.message ? ` (${result.message})` : ''}\n`,
		);
		if (!result.passed) {
			failed = true;
			if (result.details) process.stdout.write(`${result.details}\n`);
		}
	}
	fs.rmSync(work, { recursive: true, force: true });
	process.exit(failed ? 1 : 0);
}

main().catch((error) => {
	process.stderr.write(`${error.stack || error}\n`);
	process.exit(1);
});
