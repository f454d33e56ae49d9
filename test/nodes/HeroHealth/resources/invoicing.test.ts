import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();
const resource = 'invoicing';
const issuer = { __rl: true, mode: 'id', value: '801' };

describe('Invoicing', () => {
	it('coupons and customers', async () => {
		const coupons = await runHero(
			{ resource, operation: 'listCoupons', returnAll: true },
			{ fake },
		);
		expect(coupons.json[0].id).toBe('co_test1');
		const created = await runHero(
			{
				resource,
				operation: 'createCustomer',
				name: 'Sam Example',
				additionalFields: { email: 'sam@example.com', phone: '07700 900010' },
			},
			{ fake },
		);
		expect(fake.requestsFor('createCustomer')[0].body).toEqual({
			name: 'Sam Example',
			email: 'sam@example.com',
			phone: '+447700900010',
		});
		const found = await runHero(
			{ resource, operation: 'listCustomers', query: 'sam', returnAll: true },
			{ fake },
		);
		expect(found.json.map((c) => c.id)).toContain(created.json[0].id);
		const byDefault = await runHero(
			{ resource, operation: 'getDefaultCustomer', filters: { patientId: '20001' } },
			{ fake },
		);
		expect(byDefault.json[0].id).toBe('cus_test1');
	});

	it('Create, Update and Link an invoice', async () => {
		const invoice = await runHero(
			{
				resource,
				operation: 'createInvoice',
				issuerId: issuer,
				additionalFields: {
					patientId: '20001',
					serviceDate: '01/12/2026',
					mode: 'draft',
					collectionMethod: 'request_payment',
					invoiceItems: '[{"description":"Physiotherapy","quantity":1,"unit_amount_in_pounds":65}]',
					coupons: '[{"id":"co_test1"}]',
				},
			},
			{ fake },
		);
		expect(invoice.error).toBeUndefined();
		expect(fake.requestsFor('createInvoice')[0].body).toEqual({
			issuer_id: '801',
			patient_id: '20001',
			service_date: '2026-12-01',
			mode: 'draft',
			collection_method: 'request_payment',
			invoice_items_attributes: [
				{ description: 'Physiotherapy', quantity: 1, unit_amount_in_pounds: 65 },
			],
			coupons: [{ id: 'co_test1' }],
		});
		const update = await runHero(
			{ resource, operation: 'updateInvoice', invoiceId: invoice.json[0].id, issuerId: issuer },
			{ fake },
		);
		expect(update.error).toBeUndefined();
		const link = await runHero(
			{
				resource,
				operation: 'linkInvoice',
				stripeInvoiceId: invoice.json[0].stripe_id,
				linkAppointmentId: '555',
				issuerId: issuer,
			},
			{ fake },
		);
		expect(link.json[0]).toEqual(expect.objectContaining({ stripe_id: invoice.json[0].stripe_id }));
	});

	it('Update Invoice changes the metadata Hero names: memo, footer and coupons', async () => {
		const run = await runHero(
			{
				resource,
				operation: 'updateInvoice',
				invoiceId: '1',
				issuerId: issuer,
				additionalFields: {
					memo: 'Paid at reception',
					footer: 'Thank you',
					coupons: '[{"id": "co_test2"}]',
				},
			},
			{ fake, continueOnFail: true },
		);
		expect(fake.requestsFor('updateInvoice')[0].body).toEqual({
			issuer_id: '801',
			memo: 'Paid at reception',
			footer: 'Thank you',
			coupons: [{ id: 'co_test2' }],
		});
		expect(run.json).toHaveLength(1);
	});

	it('an invoice needs a patient or an appointment', async () => {
		const run = await runHero({ resource, operation: 'createInvoice', issuerId: issuer }, { fake });
		expect(run.error?.message).toContain('[item 0] Patient ID: or Appointment ID is needed');
		expect(fake.requests).toHaveLength(0);
	});
});
