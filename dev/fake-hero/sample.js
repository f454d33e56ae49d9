'use strict';
// A realistic answer built from an operation's response schema, for operations whose
// behaviour the fake does not model. Personal fields use safe test values.
const SAFE = {
	nhs_number: '9990000018',
	mobile: '+447700900001',
	phone: '+447700900002',
	email: 'someone@example.com',
	first_name: 'Alex',
	last_name: 'Example',
	dob: '1970-01-01',
};

function sample(schema, name, depth = 0) {
	if (!schema || depth > 6) return null;
	if (name && SAFE[name] !== undefined) return SAFE[name];
	if (schema.example !== undefined && typeof schema.example !== 'object') return schema.example;
	if (schema.enum) return schema.enum[0];
	if (schema.oneOf || schema.anyOf)
		return sample((schema.oneOf || schema.anyOf)[0], name, depth + 1);
	if (schema.allOf)
		return Object.assign({}, ...schema.allOf.map((s) => sample(s, name, depth + 1)));
	switch (schema.type) {
		case 'string':
			if (schema.format === 'date-time') return new Date().toISOString();
			if (schema.format === 'date') return new Date().toISOString().slice(0, 10);
			if (schema.format === 'email') return 'someone@example.com';
			if (schema.format === 'uri') return 'https://hero.example/resource';
			if (schema.pattern === '^\\d+$' || /(^|_)id$/.test(name || '')) return '1001';
			return `example ${name || 'text'}`;
		case 'integer':
		case 'number':
			return 1;
		case 'boolean':
			return true;
		case 'array':
			return [sample(schema.items || {}, undefined, depth + 1)];
		default: {
			const out = {};
			for (const [key, sub] of Object.entries(schema.properties || {}))
				out[key] = sample(sub, key, depth + 1);
			return out;
		}
	}
}

function sampleResponse(op) {
	const ok = op.responses['200'] || op.responses['201'];
	const schema =
		ok && ok.content && ok.content['application/json'] && ok.content['application/json'].schema;
	return schema ? sample(schema) : { id: '1001' };
}

module.exports = { sampleResponse, sample };
