'use strict';
// Compares the node's operation entries with an OpenAPI description and lists every gap.
const { loadSpec, deref, METHODS, SPEC_PATH } = require('../../dev/fake-hero/spec');

const PAGING = ['page_index', 'page_size'];

function bodyBranches(schema) {
	if (!schema) return [];
	if (schema.oneOf || schema.anyOf) return (schema.oneOf || schema.anyOf).flatMap(bodyBranches);
	return [schema];
}

function enumOf(schema) {
	if (!schema) return undefined;
	return schema.enum || (schema.items && schema.items.enum);
}

/** Every way the description and the entries disagree; empty when the node covers it all. */
function checkCoverage(resources, specPath = SPEC_PATH) {
	const spec = loadSpec(specPath);
	const problems = [];
	const entries = resources.flatMap((resource) =>
		resource.operations
			// Send to Many combines several operations, each covered on its own.
			.filter((op) => !op.custom && !op.run)
			.map((op) => ({ resource, op, label: `${resource.name} > ${op.name}` })),
	);
	const specOps = [];
	for (const [path, item] of Object.entries(spec.paths)) {
		for (const method of METHODS) {
			if (!item[method]) continue;
			specOps.push({
				method: method.toUpperCase(),
				path,
				operation: deref(spec, item[method]),
				shared: deref(spec, item.parameters || []),
			});
		}
	}

	for (const specOp of specOps) {
		const name = `${specOp.method} ${specOp.path} (${specOp.operation.operationId})`;
		const matches = entries.filter(
			(e) => e.op.method === specOp.method && e.op.path === specOp.path,
		);
		if (matches.length !== 1) {
			problems.push(
				`${name}: ${matches.length === 0 ? 'no operation in the node' : `${matches.length} operations in the node`}`,
			);
			continue;
		}
		const { op, label } = matches[0];
		const fields = op.fields.filter((f) => ['path', 'query', 'body'].includes(f.place));
		const find = (where, key) => fields.find((f) => f.place === where && f.apiKey === key);
		const reaches = (where, key) =>
			fields.some((f) => f.place === where && (f.apiKey === key || f.apiKey.startsWith(`${key}.`)));
		const checkEnum = (where, key, schema) => {
			const values = enumOf(schema);
			const found = find(where, key);
			if (!values || !found || !found.property.options) return;
			const offered = found.property.options.map((o) => o.value);
			for (const value of values) {
				if (!offered.includes(value))
					problems.push(`${label}: ${where} ${key} does not offer "${value}"`);
			}
		};

		for (const param of [...specOp.shared, ...(specOp.operation.parameters || [])]) {
			if (param.in === 'header') continue;
			if (param.in === 'query' && PAGING.includes(param.name)) {
				if (!(op.list && op.list.paginated))
					problems.push(`${label}: ${param.name} is not used (list.paginated)`);
				continue;
			}
			const f = find(param.in, param.name);
			if (!f) {
				problems.push(`${label}: ${param.in} parameter ${param.name} has no field`);
				continue;
			}
			if ((param.in === 'path' || param.required) && !f.required)
				problems.push(`${label}: ${param.in} ${param.name} must be a required field`);
			checkEnum(param.in, param.name, param.schema);
		}

		// An update Hero requires a body for, made of optional fields only, must refuse an empty one.
		const bodyFields = fields.filter((f) => f.place === 'body');
		if (
			['PATCH', 'PUT'].includes(specOp.method) &&
			bodyFields.length > 0 &&
			bodyFields.every((f) => !f.required) &&
			Boolean(specOp.operation.requestBody && specOp.operation.requestBody.required) ===
				Boolean(op.bodyMayBeEmpty)
		) {
			problems.push(
				op.bodyMayBeEmpty
					? `${label}: Hero requires a body, so an empty one must be refused (drop bodyMayBeEmpty)`
					: `${label}: Hero takes it with no body: mark it bodyMayBeEmpty`,
			);
		}

		const body =
			specOp.operation.requestBody &&
			specOp.operation.requestBody.content &&
			specOp.operation.requestBody.content['application/json'];
		for (const branch of bodyBranches(body && body.schema)) {
			const required = branch.required || [];
			for (const [prop, schema] of Object.entries(branch.properties || {})) {
				if (!reaches('body', prop)) {
					problems.push(`${label}: body field ${prop} has no field`);
					continue;
				}
				if (required.includes(prop)) {
					const f = find('body', prop);
					if (!f || !f.required) problems.push(`${label}: body ${prop} must be a required field`);
				}
				if (schema.type === 'object' && schema.properties && !find('body', prop)) {
					for (const sub of Object.keys(schema.properties)) {
						if (!reaches('body', `${prop}.${sub}`))
							problems.push(`${label}: body field ${prop}.${sub} has no field`);
					}
				}
				checkEnum('body', prop, schema);
			}
		}
		for (const f of fields) {
			const inSpec =
				f.place === 'path'
					? specOp.path.includes(`{${f.apiKey}}`)
					: f.place === 'query'
						? [...specOp.shared, ...(specOp.operation.parameters || [])].some(
								(p) => p.in === 'query' && p.name === f.apiKey,
							)
						: bodyBranches(body && body.schema).some((b) =>
								Object.keys(b.properties || {}).includes(f.apiKey.split('.')[0]),
							);
			if (!inSpec)
				problems.push(
					`${label}: field ${f.property.displayName} (${f.place} ${f.apiKey}) is not in the description`,
				);
		}
	}

	for (const entry of entries) {
		if (!specOps.some((s) => s.method === entry.op.method && s.path === entry.op.path)) {
			problems.push(
				`${entry.label}: ${entry.op.method} ${entry.op.path} is not in the description`,
			);
		}
	}
	return { problems, operations: specOps.length };
}

module.exports = { checkCoverage };
