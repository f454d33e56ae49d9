'use strict';
// A scripted stand-in for an OpenAI-compatible chat model, on loopback: n8n's OpenAI Chat Model
// node talks to it as to api.openai.com/v1 (chat completions with tool calls, streamed or not).
// It records every request, so a test can read exactly what the model was told, and answers by
// a script: a function from the conversation so far to the next message.
const http = require('http');

/** Tool calls and results so far, in order: [{ name, args, content }]. */
function toolHistory(messages) {
	const calls = new Map();
	const history = [];
	for (const message of messages) {
		for (const call of message.tool_calls ?? []) calls.set(call.id, call);
		if (message.role === 'tool') {
			const call = calls.get(message.tool_call_id);
			const content =
				typeof message.content === 'string' ? message.content : JSON.stringify(message.content);
			history.push({
				name: call?.function?.name,
				args: call ? JSON.parse(call.function.arguments || '{}') : {},
				content,
			});
		}
	}
	return history;
}

/** The records a Hero Health tool returned, whatever n8n wrapped them in. */
function recordsIn(content) {
	let value;
	try {
		value = JSON.parse(content);
	} catch {
		return [];
	}
	const unwrap = (v) =>
		typeof v === 'string'
			? (() => {
					try {
						return JSON.parse(v);
					} catch {
						return v;
					}
				})()
			: v;
	value = unwrap(value);
	const list = Array.isArray(value) ? value : [value];
	return list
		.map((entry) => unwrap(entry?.json ?? entry?.response ?? entry))
		.flat()
		.filter((entry) => entry && typeof entry === 'object');
}

const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * The AI receptionist: lists next week's slots, looks the patient up (first with an NHS number
 * mistyped, to show a tool error reaching the model), reserves and books the first slot, then
 * texts the patient. Returns a tool call `{ tool, args }` or the final `{ answer }`.
 */
function receptionist(
	messages,
	{ nhsNumber = '9990000018', mistypedNhsNumber = '9990000019' } = {},
) {
	const history = toolHistory(messages);
	const last = history[history.length - 1];
	const results = (name) => history.filter((entry) => entry.name === name);
	if (!last) return { tool: 'Find_Slots', args: { startDate: day(1), endDate: day(7) } };
	if (last.name === 'Find_Slots')
		return { tool: 'Find_Patient', args: { nhsNumber: mistypedNhsNumber } };
	if (last.name === 'Find_Patient') {
		const [patient] = recordsIn(last.content).filter((record) => record.id);
		if (!patient) return { tool: 'Find_Patient', args: { nhsNumber } };
		const [slot] = recordsIn(results('Find_Slots')[0].content).filter(
			(record) => record.start_time,
		);
		if (!slot) return { answer: 'There are no free slots next week.' };
		return {
			tool: 'Reserve_Slot',
			args: {
				appointmentTypeId: String(slot.appointment_type_id),
				locationId: String(slot.location_id),
				practitionerId: String(slot.practitioner_id),
				startTime: slot.start_time,
				duration: Number(slot.duration),
				patientId: String(patient.id),
			},
		};
	}
	if (last.name === 'Reserve_Slot') {
		const [appointment] = recordsIn(last.content).filter((record) => record.id);
		return { tool: 'Book_Appointment', args: { appointmentId: String(appointment.id) } };
	}
	if (last.name === 'Book_Appointment') {
		const reserve = results('Reserve_Slot')[0].args;
		return {
			tool: 'Text_Patient',
			args: {
				patientId: reserve.patientId,
				message: `Your appointment is booked for ${reserve.startTime.slice(0, 16).replace('T', ' at ')}. Reply to this number if you cannot come.`,
			},
		};
	}
	const reserve = results('Reserve_Slot')[0]?.args;
	return {
		answer: `Booked the appointment at ${reserve?.startTime ?? 'the first free time'} and texted the patient the confirmation.`,
	};
}

function completion(reply, model, index) {
	const id = `chatcmpl-${index}`;
	if (reply.answer !== undefined) {
		return { id, message: { role: 'assistant', content: reply.answer }, finish: 'stop', model };
	}
	const call = {
		id: `call_${index}`,
		type: 'function',
		function: { name: reply.tool, arguments: JSON.stringify(reply.args) },
	};
	return {
		id,
		message: { role: 'assistant', content: null, tool_calls: [call] },
		finish: 'tool_calls',
		model,
	};
}

function createScriptedModel({ script = receptionist } = {}) {
	const model = {
		requests: [],
		url: '',
		/** The tools offered in the first request that offered any, as the model received them. */
		get tools() {
			return model.requests.find((request) => request.tools?.length)?.tools ?? [];
		},
		async start(port = 0) {
			model.server = http.createServer((req, res) => handle(req, res));
			await new Promise((resolve) => model.server.listen(port, '127.0.0.1', resolve));
			model.url = `http://127.0.0.1:${model.server.address().port}`;
			return model;
		},
		async close() {
			if (model.server) await new Promise((resolve) => model.server.close(resolve));
		},
	};

	function handle(req, res) {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => {
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method === 'GET' && /\/models$/.test(req.url)) {
				return send(200, {
					object: 'list',
					data: [{ id: 'gpt-4o-mini', object: 'model', owned_by: 'scripted' }],
				});
			}
			if (req.method !== 'POST' || !/\/chat\/completions$/.test(req.url))
				return send(404, { error: { message: `no ${req.method} ${req.url}` } });
			let request;
			try {
				request = JSON.parse(body);
			} catch {
				return send(400, { error: { message: 'body is not JSON' } });
			}
			model.requests.push(request);
			const { id, message, finish } = completion(
				script(request.messages ?? []),
				request.model,
				model.requests.length,
			);
			const usage = { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 };
			if (!request.stream) {
				return send(200, {
					id,
					object: 'chat.completion',
					created: Math.floor(Date.now() / 1000),
					model: request.model,
					choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
					usage,
				});
			}
			res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
			const chunk = (delta, finishReason = null, extra = {}) =>
				res.write(
					`data: ${JSON.stringify({ id, object: 'chat.completion.chunk', created: Math.floor(Date.now() / 1000), model: request.model, choices: [{ index: 0, delta, finish_reason: finishReason }], ...extra })}\n\n`,
				);
			if (message.tool_calls) {
				chunk({
					role: 'assistant',
					content: null,
					tool_calls: message.tool_calls.map((call, index) => ({ index, ...call })),
				});
			} else {
				chunk({ role: 'assistant', content: message.content });
			}
			chunk({}, finish, { usage });
			res.end('data: [DONE]\n\n');
		});
	}

	return model;
}

module.exports = { createScriptedModel, receptionist, toolHistory };
