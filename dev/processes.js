'use strict';
// Starting and stopping the servers the suites and scripts run (n8n's processes, Redis): one
// way to pick free ports, spawn with the output kept, wait until ready and stop.
const { spawn } = require('child_process');
const net = require('net');

/** A loopback port nothing listens on now, chosen by the OS. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

function portIsFree(port) {
	return new Promise((resolve) => {
		const server = net.createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

/** Whether something accepts connections on the loopback port. */
function isListening(port) {
	return new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1', () => {
			socket.end();
			resolve(true);
		});
		socket.on('error', () => resolve(false));
	});
}

/**
 * Polls `check` every 250 ms until it is true; a check that throws counts as not yet. n8n 2.x
 * applies (de)activation through an outbox, a moment after the REST call returns.
 */
async function waitFor(check, what, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if (await check()) return;
		} catch {
			// not yet
		}
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
	throw new Error(`timed out waiting for ${what}`);
}

/** Spawns a server; `handle.logs` collects what it prints. */
function spawnLogged(command, args, env) {
	const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
	const handle = { process: child, logs: '' };
	child.stdout.on('data', (chunk) => (handle.logs += chunk));
	child.stderr.on('data', (chunk) => (handle.logs += chunk));
	return handle;
}

/**
 * Runs a command to its end and resolves with its status (null when a signal ended it), the
 * signal and its output; killed after the timeout.
 */
function runLogged(command, args, env, timeoutMs) {
	return new Promise((resolve) => {
		const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk) => (stdout += chunk));
		child.stderr.on('data', (chunk) => (stderr += chunk));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.on('close', (status, signal) => {
			clearTimeout(timer);
			resolve({ status, signal, stdout, stderr });
		});
	});
}

/** Stops a child process with `signal`, killing it if it has not exited after `graceMs`. */
async function stopProcess(child, signal = 'SIGTERM', graceMs = 20_000) {
	if (!child || child.exitCode !== null || child.signalCode) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill(signal);
	const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
	await exited;
	clearTimeout(timer);
}

module.exports = {
	freePort,
	portIsFree,
	isListening,
	waitFor,
	spawnLogged,
	runLogged,
	stopProcess,
};
