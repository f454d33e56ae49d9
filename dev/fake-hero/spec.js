'use strict';
// Reads the bundled Hero description and checks requests against it.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const Ajv = require('ajv');
const addFormats = require('ajv-formats');

const SPEC_PATH = path.join(__dirname, '..', '..', 'spec', 'hero-openapi.yaml');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function loadSpec(file = SPEC_PATH) {
	return YAML.parse(fs.readFileSync(file, 'utf8'));
}

function resolveRef(spec, ref) {
	return ref
		.replace(/^#\//, '')
		.split('/')
		.reduce((node, key) => node[key], spec);
}

/** Inlines $refs (Hero's schemas have no cycles; depth guards against one). */
function deref(spec, value, depth = 0) {
	if (depth > 40) throw new Error('schema nesting too deep');
	if (Array.isArray(value)) return value.map((entry) => deref(spec, entry, depth + 1));
	if (!value || typeof value !== 'object') return value;
	if (value.$ref) return deref(spec, resolveRef(spec, value.$ref), depth + 1);
	const out = {};
	for (const [key, entry] of Object.entries(value)) out[key] = deref(spec, entry, depth + 1);
	return out;
}

/**
 * OpenAPI 3.0 schema to JSON Schema for ajv. `strict` closes request objects to unknown
 * properties, so a misspelt field is a violation rather than silently ignored.
 * Hero's guides give dob as YYYY-MM-DD although some pages type it date-time; both pass.
 */
function toJsonSchema(schema, strict, name) {
	if (Array.isArray(schema)) return schema.map((entry) => toJsonSchema(entry, strict));
	if (!schema || typeof schema !== 'object') return schema;
	const out = {};
	for (const [key, value] of Object.entries(schema)) {
		if (key.startsWith('x-') || key === 'example' || key === 'nullable' || key === 'discriminator')
			continue;
		if (key === 'properties') {
			out.properties = {};
			for (const [prop, sub] of Object.entries(value))
				out.properties[prop] = toJsonSchema(sub, strict, prop);
		} else if (
			['items', 'additionalProperties', 'not'].includes(key) &&
			typeof value === 'object'
		) {
			out[key] = toJsonSchema(value, strict);
		} else if (['oneOf', 'anyOf', 'allOf'].includes(key)) {
			out[key] = value.map((entry) => toJsonSchema(entry, strict));
		} else {
			out[key] = value;
		}
	}
	if (name === 'dob' && out.format === 'date-time') out.format = 'date-or-date-time';
	if (schema.nullable) {
		if (out.type) out.type = [].concat(out.type, 'null');
		if (out.enum) out.enum = [...out.enum, null];
	}
	const hasProperties = out.properties && Object.keys(out.properties).length > 0;
	if (strict && hasProperties && out.additionalProperties === undefined)
		out.additionalProperties = false;
	return out;
}

function createAjv() {
	const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: false });
	addFormats(ajv);
	ajv.addFormat(
		'date-or-date-time',
		/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/,
	);
	return ajv;
}

/** One entry per operation, with routing and ready-made validators. */
function buildOperations(spec) {
	const ajv = createAjv();
	const operations = [];
	for (const [template, pathItem] of Object.entries(spec.paths)) {
		for (const method of METHODS) {
			const operation = pathItem[method];
			if (!operation) continue;
			const parameters = deref(spec, [
				...(pathItem.parameters || []),
				...(operation.parameters || []),
			]);
			const requestBody = operation.requestBody ? deref(spec, operation.requestBody) : undefined;
			const bodySchema = requestBody?.content?.['application/json']?.schema;
			const partial = Boolean(operation['x-request-schema-partial']);
			const names = [];
			const regex = new RegExp(
				'^' +
					template.replace(/[.]/g, '\\.').replace(/\{([^}]+)\}/g, (_, name) => {
						names.push(name);
						return '([^/]+)';
					}) +
					'$',
			);
			operations.push({
				operationId: operation.operationId,
				method: method.toUpperCase(),
				template,
				regex,
				names,
				literalSegments: template.split('/').filter((s) => s && !s.startsWith('{')).length,
				operation,
				parameters: parameters.map((p) => ({
					...p,
					check: p.schema ? ajv.compile(toJsonSchema(p.schema, false)) : () => true,
				})),
				requestBody,
				bodyCheck: bodySchema
					? ajv.compile(toJsonSchema(deref(spec, bodySchema), !partial))
					: undefined,
				responses: deref(spec, operation.responses || {}),
			});
		}
	}
	// Literal segments win over templates: /v1/slots/count before /v1/slots/{id}.
	operations.sort((a, b) => b.literalSegments - a.literalSegments);
	return operations;
}

function coerce(value, schema = {}) {
	switch (schema.type) {
		case 'integer':
			return /^-?\d+$/.test(value) ? Number(value) : value;
		case 'number':
			return value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value;
		case 'boolean':
			return value === 'true' ? true : value === 'false' ? false : value;
		default:
			return value;
	}
}

function ajvMessages(errors) {
	return (errors || []).map(
		(e) =>
			`${e.instancePath || '(root)'} ${e.message}${e.params && e.params.additionalProperty ? ` (${e.params.additionalProperty})` : ''}${e.params && e.params.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
	);
}

/** Everything that breaks the description: a list of readable lines, empty when fine. */
function validateRequest(op, request) {
	const problems = [];
	const match = op.regex.exec(request.path);
	const pathValues = {};
	op.names.forEach((name, index) => (pathValues[name] = decodeURIComponent(match[index + 1])));
	const known = new Set();
	for (const param of op.parameters) {
		if (param.in === 'path') {
			const value = pathValues[param.name];
			if (!param.check(value))
				problems.push(`path ${param.name}: ${ajvMessages(param.check.errors).join(', ')}`);
			if (!/^[A-Za-z0-9_.-]+$/.test(value))
				problems.push(`path ${param.name}: unexpected characters`);
		} else if (param.in === 'query') {
			known.add(param.name);
			const values = request.query.getAll(param.name);
			if (values.length === 0) {
				if (param.required) problems.push(`query ${param.name}: required`);
				continue;
			}
			const schema = param.schema || {};
			const value =
				schema.type === 'array'
					? values.map((v) => coerce(v, schema.items))
					: values.length === 1
						? coerce(values[0], schema)
						: values;
			if (!param.check(value))
				problems.push(`query ${param.name}: ${ajvMessages(param.check.errors).join(', ')}`);
		} else if (param.in === 'header') {
			if (param.required && !request.headers[param.name.toLowerCase()])
				problems.push(`header ${param.name}: required`);
		}
	}
	for (const key of new Set(request.query.keys())) {
		if (!known.has(key)) problems.push(`query ${key}: not in the description`);
	}
	const hasBody = request.rawBody.length > 0;
	if (op.requestBody) {
		if (!hasBody) {
			if (op.requestBody.required) problems.push('body: required');
		} else if (!/application\/json/.test(request.headers['content-type'] || '')) {
			problems.push(
				`body: content-type ${request.headers['content-type']} is not application/json`,
			);
		} else if (request.body === undefined) {
			problems.push('body: not valid JSON');
		} else if (op.bodyCheck && !op.bodyCheck(request.body)) {
			problems.push(
				...ajvMessages(op.bodyCheck.errors).map((m) => `body${m.startsWith('/') ? '' : ' '}${m}`),
			);
		}
	} else if (hasBody) {
		problems.push('body: this operation takes no body');
	}
	return { problems, pathValues };
}

function findOperation(operations, method, pathname) {
	return operations.find((op) => op.method === method && op.regex.test(pathname));
}

module.exports = {
	SPEC_PATH,
	loadSpec,
	deref,
	toJsonSchema,
	buildOperations,
	validateRequest,
	findOperation,
	METHODS,
};
