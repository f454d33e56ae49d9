'use strict';
// Steps the compiler does not do: icons and codex files into dist/, and the README's
// operations table from the compiled operation entries.
const fs = require('fs');
const path = require('path');
const { src, dest, parallel, series } = require('gulp');
const { withTable } = require('./scripts/codegen/operations-table');

function icons() {
	return src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

function codex() {
	return src('nodes/**/*.node.json', { base: '.' }).pipe(dest('dist'));
}

function readme(done) {
	const { RESOURCES } = require('./dist/nodes/HeroHealth/resources');
	const { fidelityOf } = require('./dist/nodes/HeroHealth/fidelity');
	const file = path.join(__dirname, 'README.md');
	fs.writeFileSync(file, withTable(fs.readFileSync(file, 'utf8'), RESOURCES, fidelityOf));
	done();
}

// A fresh dist/ each build, so nothing stale is packed; the build info goes too, or tsc
// would think the deleted output is still current.
function clean(done) {
	fs.rmSync(path.join(__dirname, 'dist'), { recursive: true, force: true });
	fs.rmSync(path.join(__dirname, '.tsbuildinfo'), { force: true });
	done();
}

exports.clean = clean;
exports.build = parallel(icons, codex);
exports.readme = readme;
exports.default = series(exports.build, readme);
