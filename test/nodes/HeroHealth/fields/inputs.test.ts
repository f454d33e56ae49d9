import type { IDataObject } from 'n8n-workflow';

import { testNhsNumber } from '../../../../dev/fake-hero/data';
import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

const VALID = {
	nhs: '999 000 0018',
	mobile: '07700 900001',
	email: 'patient@example.com',
	dob: '1970-01-31',
};

/** [field shown to the user, the input key, a bad value] */
const BAD: Array<[string, keyof typeof VALID, string]> = [
	['NHS Number', 'nhs', '943 476 5918'],
	['NHS Number', 'nhs', '123 456 7891'],
	['NHS Number', 'nhs', '99900000'],
	['NHS Number', 'nhs', '99900000181'],
	['NHS Number', 'nhs', '999000001X'],
	['NHS Number', 'nhs', testNhsNumber(7).slice(0, 9) + ((Number(testNhsNumber(7)[9]) + 1) % 10)],
	['Mobile', 'mobile', '0800 123 456'],
	['Mobile', 'mobile', '+1 555 123 4567'],
	['Mobile', 'mobile', '07700 90012'],
	['Mobile', 'mobile', '07700 9001234'],
	['Mobile', 'mobile', 'call me'],
	['Mobile', 'mobile', '020 7946 0000'],
	['Email', 'email', 'not-an-email'],
	['Email', 'email', 'someone@localhost'],
	['Email', 'email', 'some one@example.com'],
	['Email', 'email', '@example.com'],
	['Date of Birth', 'dob', '31/02/2026'],
	['Date of Birth', 'dob', '2026-13-01'],
	['Date of Birth', 'dob', 'tomorrow'],
	['Date of Birth', 'dob', '2026-02-30'],
];

describe('input handling', () => {
	it('rejects each bad NHS number, mobile, email and date naming field and item; sends nothing for it; valid items still go', async () => {
		const items: IDataObject[] = [{ ...VALID }];
		for (const [, key, value] of BAD) items.push({ ...VALID, [key]: value });
		items.push({ ...VALID, nhs: '999-000-0026', mobile: '+44 07700 900002', dob: '02/03/1971' });

		const run = await runHero(
			{
				resource: 'patient',
				operation: 'register',
				firstName: 'Test',
				lastName: 'Case',
				dateOfBirth: '={{ $json.dob }}',
				mobile: '={{ $json.mobile }}',
				additionalFields: { nhsNumber: '={{ $json.nhs }}', email: '={{ $json.email }}' },
			},
			{ fake, items, continueOnFail: true },
		);

		expect(run.error).toBeUndefined();
		expect(run.json).toHaveLength(items.length);
		BAD.forEach(([field, , value], index) => {
			const item = index + 1;
			const error = String(run.json[item].error);
			expect(error).toMatch(new RegExp(`^\\[item ${item}\\] ${field}: `));
			// The message explains; it never repeats the value (it may be patient data).
			expect(error).not.toContain(value);
		});
		expect(run.json[0]).toEqual({ patient_id: expect.any(String) });
		expect(run.json[items.length - 1]).toEqual({ patient_id: expect.any(String) });
		// Only the two valid items reached Hero.
		expect(fake.requestsFor('registerPatient').map((r) => r.body)).toEqual([
			expect.objectContaining({
				nhs_number: '9990000018',
				mobile: '+447700900001',
				dob: '1970-01-31',
			}),
			expect.objectContaining({
				nhs_number: '9990000026',
				mobile: '+447700900002',
				dob: '1971-03-02',
			}),
		]);
	});

	it('a missing required value is named too', async () => {
		const run = await runHero(
			{
				resource: 'patient',
				operation: 'registerPds',
				nhsNumber: '={{ $json.nhs }}',
				dateOfBirth: '1970-01-31',
			},
			{ fake, items: [{ nhs: '' }] },
		);
		expect(run.error?.message).toBe('[item 0] NHS Number is required');
		expect(fake.requests).toHaveLength(0);
	});
});
