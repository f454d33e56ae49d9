// The check at the edge: what the user adds by hand meets the field rules of the fields it names.
import type { IDataObject } from 'n8n-workflow';

import { checkedHatch, HatchError } from '../../../../nodes/HeroHealth/run/hatch';
import { findOperation } from '../../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../../nodes/HeroHealth/resources';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

const register: IDataObject = {
	resource: 'patient',
	operation: 'register',
	firstName: 'Robin',
	lastName: 'Example',
	dateOfBirth: '31/01/1990',
	mobile: '07700 900456',
};
const send: IDataObject = {
	resource: 'message',
	operation: 'send',
	patientId: byId('20001'),
	channel: 'sms',
	message: 'Your results are ready',
};
const custom = (
	method: string,
	path: string,
	body?: IDataObject,
	query?: IDataObject,
): IDataObject => ({
	resource: 'customApiCall',
	operation: 'call',
	method,
	path,
	options: {
		...(body ? { body: JSON.stringify(body) } : {}),
		...(query ? { queryParameters: JSON.stringify(query) } : {}),
	},
});
const hatch = (
	base: IDataObject,
	extra: IDataObject,
	collection = 'additionalFields',
): IDataObject => ({
	...base,
	[collection]: {
		...((base[collection] as IDataObject) ?? {}),
		extraBodyFields: JSON.stringify(extra),
	},
});

describe('Extra Body Fields: a key naming a field is checked by that field', () => {
	it.each([
		[
			'a wrong NHS check digit',
			register,
			{ nhs_number: '999 000 0019' },
			'nhs_number (NHS Number) has a wrong check digit',
		],
		[
			'an NHS number of one repeated digit',
			register,
			{ nhs_number: '1111111111' },
			'nhs_number (NHS Number) is one digit repeated',
		],
		[
			'31/02/1970 as a date of birth',
			hatch(register, {}),
			{ dob: '31/02/1970' },
			'dob (Date of Birth) is already set by Date of Birth',
		],
		[
			'a US mobile as the recipient',
			send,
			{ recipient_contact_detail: '+1 555 123 4567' },
			'recipient_contact_detail (Recipient) must be a UK number (+44)',
		],
		[
			'a 070 number as the recipient',
			send,
			{ recipient_contact_detail: '07000 900123' },
			'recipient_contact_detail (Recipient) is in the 070 range',
		],
		[
			'an unknown channel, which Channel sets',
			send,
			{ message_type: 'fax' },
			'message_type (Channel) is already set by Channel',
		],
		[
			'"maybe" as a yes/no',
			send,
			{ auto_write_to_record: 'maybe' },
			'auto_write_to_record (Auto Write to Record)',
		],
	])(
		'%s is refused before sending, naming the control, the key and the field',
		async (_case, base, extra, message) => {
			const run = await runHero(hatch(base, extra), { fake });
			expect(run.error?.message).toContain(`[item 0] Extra Body Fields: ${message}`);
			expect(fake.requests).toEqual([]);
		},
	);

	it('a value the field reads is sent as the field would send it: "false" as false, a mobile in +44 form', async () => {
		const run = await runHero(
			hatch(send, {
				auto_write_to_record: 'false',
				recipient_contact_detail: '07700 900123',
			}),
			{ fake },
		);
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('sendMessage')[0].body).toMatchObject({
			auto_write_to_record: false,
			recipient_contact_detail: '+447700900123',
		});
	});

	it('a key the field above already sets is refused, naming both', async () => {
		const run = await runHero(
			hatch(
				{ ...register, additionalFields: { nhsNumber: '999 000 0018' } },
				{ nhs_number: '999 000 0026' },
			),
			{ fake },
		);
		expect(run.error?.message).toBe(
			'[item 0] Extra Body Fields: nhs_number (NHS Number) is already set by NHS Number; give it in one place only',
		);
		expect(fake.requests).toEqual([]);
	});

	it('nested keys are checked where fields name their parts', async () => {
		const run = await runHero(
			hatch(
				{ resource: 'admin', operation: 'update', adminId: byId('801') },
				{ prescriber_details: { email: 'not an email' } },
			),
			{ fake },
		);
		expect(run.error?.message).toContain(
			'[item 0] Extra Body Fields: prescriber_details.email (Prescriber Email) must be an email address',
		);
		expect(fake.requests).toEqual([]);
	});

	it('with Continue On Fail, the refused item fails alone and the others are sent', async () => {
		const run = await runHero(
			{
				...send,
				additionalFields: {
					extraBodyFields: '={{ JSON.stringify({ recipient_contact_detail: $json.to }) }}',
				},
			},
			{
				fake,
				continueOnFail: true,
				items: [{ to: '07700 900001' }, { to: '+1 555 123 4567' }, { to: '07700 900003' }],
			},
		);
		expect(run.json.map((item) => (item.error ? 'refused' : 'sent'))).toEqual([
			'sent',
			'refused',
			'sent',
		]);
		expect(fake.requestsFor('sendMessage').map((r) => r.body.recipient_contact_detail)).toEqual([
			'+447700900001',
			'+447700900003',
		]);
	});
});

describe('Extra Query Parameters: a key naming a filter is checked by that filter', () => {
	it('an NHS number of one repeated digit in a patient search is refused', async () => {
		const run = await runHero(
			{
				resource: 'patient',
				operation: 'search',
				limit: 5,
				filters: { extraQueryParameters: '{"nhs_number": "0000000000"}' },
			},
			{ fake },
		);
		expect(run.error?.message).toContain(
			'[item 0] Extra Query Parameters: nhs_number (NHS Number) is one digit repeated',
		);
		expect(fake.requests).toEqual([]);
	});
});

describe("Custom API Call to an endpoint the node knows: its query and body meet that operation's rules", () => {
	it('a US mobile in a send is refused, naming the body key and the field', async () => {
		const run = await runHero(
			custom('POST', '/v1/messages/send', {
				patient_id: 20001,
				message_type: 'sms',
				message_string: 'Hi',
				recipient_contact_detail: '+1 555 123 4567',
			}),
			{ fake },
		);
		expect(run.error?.message).toContain(
			'[item 0] Body: recipient_contact_detail (Recipient) must be a UK number',
		);
		expect(fake.requests).toEqual([]);
	});

	it('an unknown channel and "false" as text are caught and read as the node reads them', async () => {
		const refused = await runHero(
			custom('POST', '/v1/messages/send', {
				patient_id: 20001,
				message_type: 'fax',
				message_string: 'Hi',
			}),
			{ fake },
		);
		expect(refused.error?.message).toContain('Body: message_type (Channel) must be one of');
		const sent = await runHero(
			custom('POST', '/v1/messages/send', {
				patient_id: '20001',
				message_type: 'sms',
				message_string: 'Hi',
				auto_write_to_record: 'false',
				recipient_contact_detail: '07700 900123',
			}),
			{ fake },
		);
		expect(sent.error).toBeUndefined();
		expect(fake.requestsFor('sendMessage')[0].body).toMatchObject({
			auto_write_to_record: false,
			recipient_contact_detail: '+447700900123',
		});
	});

	it("the operation's check across fields runs too: an email address for an SMS", async () => {
		const run = await runHero(
			custom('POST', '/v1/messages/send', {
				patient_id: 20001,
				message_type: 'sms',
				message_string: 'Hi',
				recipient_contact_detail: 'robin@example.com',
			}),
			{ fake },
		);
		expect(run.error?.message).toContain('must be a UK mobile number when the channel is SMS');
		expect(fake.requests).toEqual([]);
	});

	it('a query parameter of a known list is checked: a date of birth that does not exist', async () => {
		const run = await runHero(custom('GET', '/v3/patients', undefined, { dob: '31/02/1970' }), {
			fake,
		});
		expect(run.error?.message).toContain('[item 0] Query Parameters: dob (Date of Birth)');
		expect(fake.requests).toEqual([]);
	});

	it('a path the node does not know is sent as typed', async () => {
		const run = await runHero(custom('GET', '/v1/me'), { fake });
		expect(run.error).toBeUndefined();
		expect(fake.requests).toHaveLength(1);
	});
});

describe('checkedHatch', () => {
	const fields = findOperation(RESOURCES, 'message', 'send')!.fields;

	it('keys no field names pass as they are, whatever they hold', () => {
		const hatchIn = { memo: 'as typed', nested: { nhs_number: 'not checked here' }, flag: 'false' };
		expect(checkedHatch(hatchIn, fields, 'body', {})).toEqual(hatchIn);
	});

	it('a value a field reads as empty is left out rather than sent empty', () => {
		expect(checkedHatch({ recipient_contact_detail: '' }, fields, 'body', {})).toEqual({});
	});

	it('a field that lives in the query does not check a body key of the same name', () => {
		expect(checkedHatch({ recipient_contact_detail: 'x' }, fields, 'query', {})).toEqual({
			recipient_contact_detail: 'x',
		});
	});

	it('an unknown key throws nothing; a refused one says which key and field', () => {
		expect(() => checkedHatch({ recipient_contact_detail: 'x' }, fields, 'body', {})).toThrow(
			HatchError,
		);
	});
});

describe('Custom API Call: IDs in the path meet the path field rules', () => {
	it('a path ID that is not a number is refused before sending, naming the Path and the field', async () => {
		const run = await runHero(custom('GET', '/v1/practitioners/abc'), { fake });
		expect(run.error?.message).toBe(
			'[item 0] Path: id (Practitioner) must be a numeric Hero ID such as 12345',
		);
		expect(fake.requests).toEqual([]);
	});

	it('a numeric one is sent', async () => {
		const run = await runHero(custom('GET', '/v1/practitioners/401'), { fake });
		expect(run.error).toBeUndefined();
		expect(fake.requests.map((r) => r.path)).toEqual(['/v1/practitioners/401']);
	});
});
