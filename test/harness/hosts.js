'use strict';
// Loopback servers that are not Hero, for the hostile-network tests: another host that must
// never be sent anything, and a TLS server with a self-signed certificate, as an inspecting
// proxy presents. Both record what reaches them.
const { execFileSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const https = require('https');
const os = require('os');
const path = require('path');

function listen(server, host) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, host, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

function closer(server, sockets) {
	return () =>
		new Promise((resolve) => {
			for (const socket of sockets) socket.destroy();
			server.close(() => resolve());
		});
}

/** Another host: 127.0.0.2 where the loopback range allows it, else another port. */
async function startOtherHost() {
	const requests = [];
	const chunks = [];
	const sockets = new Set();
	const server = http.createServer((req, res) => {
		requests.push({ method: req.method, url: req.url, headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ id: '401', stolen: true }));
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.on('close', () => sockets.delete(socket));
	});
	let hostname = '127.0.0.2';
	let port;
	try {
		port = await listen(server, hostname);
	} catch {
		hostname = '127.0.0.1';
		port = await listen(server, hostname);
	}
	return {
		url: `http://${hostname}:${port}`,
		host: `${hostname}:${port}`,
		requests,
		bytes: () => Buffer.concat(chunks).toString('latin1'),
		reset() {
			requests.length = 0;
			chunks.length = 0;
		},
		close: closer(server, sockets),
	};
}

/** HTTPS with a certificate made for this run and trusted by nobody. */
async function startTlsHost() {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hero-tls-'));
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'rsa:2048',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
		],
		{ stdio: 'ignore' },
	);
	const server = https.createServer(
		{ key: fs.readFileSync(key), cert: fs.readFileSync(cert) },
		(req, res) => {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{}');
		},
	);
	fs.rmSync(dir, { recursive: true, force: true });
	let connections = 0;
	const sockets = new Set();
	server.on('connection', (socket) => {
		connections += 1;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const port = await listen(server, '127.0.0.1');
	return {
		url: `https://127.0.0.1:${port}`,
		connections: () => connections,
		close: closer(server, sockets),
	};
}

module.exports = { startOtherHost, startTlsHost };
