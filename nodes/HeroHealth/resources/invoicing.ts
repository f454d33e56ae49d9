import { boolean, choice, date, email, id, json, locator, mobile, text } from '../fields';
import type { HeroResource } from '../types';

const issuer = (description: string) =>
	locator('admin', 'issuer_id', { required: true, label: 'Issuer', name: 'issuerId', description });

export const invoicing: HeroResource = {
	value: 'invoicing',
	name: 'Invoicing',
	description: 'Private-practice invoicing through Stripe: customers, coupons and invoices',
	operations: [
		{
			value: 'listCoupons',
			name: 'Get Many Coupons',
			action: 'Get many coupons',
			description: 'List the Stripe coupons available to the practice',
			heroName: 'List Coupons',
			method: 'GET',
			path: '/v1/invoicing/coupons',
			list: { paginated: false },
			fields: [],
		},
		{
			value: 'listCustomers',
			name: 'Get Many Customers',
			action: 'Get many customers',
			description: "Search the practice's Stripe customers",
			heroName: 'List Customers',
			method: 'GET',
			path: '/v1/invoicing/customers',
			list: { paginated: false },
			fields: [text('Query', 'query', { in: 'query', required: true, maxLength: 200, description: 'Name or email to search for' })],
		},
		{
			value: 'createCustomer',
			name: 'Create Customer',
			action: 'Create a customer',
			description: 'Create a Stripe customer for the practice',
			heroName: 'Create Customer',
			method: 'POST',
			path: '/v1/invoicing/customers',
			fields: [
				text('Name', 'name', { required: true, maxLength: 200 }),
				email('Email', 'email'),
				mobile('Phone', 'phone', { description: 'UK mobile; sent to Hero in +44 format' }),
				json('Sources', 'sources', { description: 'JSON array of payment sources (cards) as Stripe describes them' }),
			],
		},
		{
			value: 'getDefaultCustomer',
			name: 'Get Default Customer',
			action: 'Get the default customer of a patient',
			description: 'Get the Stripe customer a patient pays with by default',
			heroName: 'Get Default Customer',
			method: 'GET',
			path: '/v1/invoicing/customers/default',
			subject: 'customer',
			fields: [id('Patient ID', 'patient_id', { in: 'query' })],
		},
		{
			value: 'createInvoice',
			name: 'Create Invoice',
			action: 'Create an invoice',
			description: 'Issue a Stripe invoice for a patient or an appointment',
			heroName: 'Create Invoice',
			method: 'POST',
			path: '/v1/invoicing/invoices',
			fields: [
				issuer('The admin issuing the invoice'),
				id('Patient ID', 'patient_id', { description: 'Give this or Appointment ID' }),
				id('Appointment ID', 'appointment_id', { description: 'The patient is taken from the appointment' }),
				locator('practitioner', 'practitioner_id'),
				date('Service Date', 'service_date'),
				date('Due Date', 'due_date'),
				text('Customer Stripe ID', 'customer_stripe_id', { maxLength: 100, placeholder: 'e.g. cus_123' }),
				boolean('Set Default Customer', 'set_default_customer', {
					description: "Whether to make this customer the patient's default",
				}),
				choice('Collection Method', 'collection_method', [
					['Request Payment', 'request_payment'],
					['Charge Automatically', 'charge_automatically'],
				]),
				text('Payment Source', 'payment_source', { maxLength: 100 }),
				text('Insurer', 'insurer', { maxLength: 200 }),
				text('Authentication Code', 'authentication_code', { maxLength: 100 }),
				text('Membership Number', 'membership_number', { maxLength: 100 }),
				text('Diagnosis', 'diagnosis', { maxLength: 2000 }),
				text('Memo', 'memo', { maxLength: 2000 }),
				text('Footer', 'footer', { maxLength: 2000 }),
				boolean('Confidential', 'confidential', { description: 'Whether the invoice is confidential' }),
				choice('Mode', 'mode', [
					['Draft', 'draft'],
					['Finalize', 'finalize'],
				]),
				json('Coupons', 'coupons', { description: 'JSON array of { "id": "…" }', placeholder: '[{"id": "co_123"}]' }),
				json('Invoice Items', 'invoice_items_attributes', {
					description: 'JSON array of items, each with quantity and a price or unit_amount_in_pounds',
					placeholder: '[{"description": "Consultation", "quantity": 1, "unit_amount_in_pounds": 65}]',
				}),
			],
			check: ({ body }) =>
				body?.patient_id || body?.appointment_id
					? undefined
					: { field: 'Patient ID', message: 'or Appointment ID is needed: Hero must know who the invoice is for' },
		},
		{
			value: 'updateInvoice',
			name: 'Update Invoice',
			action: 'Update an invoice',
			description: 'Update an invoice; finalized invoices accept fewer changes than drafts',
			heroName: 'Update Invoice',
			method: 'PATCH',
			path: '/v1/invoicing/invoices/{id}',
			subject: 'invoice',
			fields: [
				id('Invoice ID', 'id', { in: 'path', required: true }),
				issuer('The admin making the change'),
				text('Memo', 'memo', { maxLength: 2000, description: 'Shown on the invoice; finalized invoices accept this change' }),
				text('Footer', 'footer', { maxLength: 2000, description: 'Shown at the foot of the invoice; finalized invoices accept this change' }),
				json('Coupons', 'coupons', { description: 'JSON array of { "id": "…" }; finalized invoices accept this change', placeholder: '[{"id": "co_123"}]' }),
			],
		},
		{
			value: 'linkInvoice',
			name: 'Link Invoice to Appointment',
			action: 'Link an invoice to an appointment',
			description: 'Attach an existing Stripe invoice to an appointment',
			heroName: 'Link Invoice to Appointment',
			method: 'POST',
			path: '/v1/invoicing/invoices/link',
			fields: [
				text('Stripe Invoice ID', 'stripe_invoice_id', { required: true, maxLength: 100, placeholder: 'e.g. in_123' }),
				id('Appointment ID', 'appointment_id', { required: true, name: 'linkAppointmentId' }),
				issuer('The admin linking the invoice'),
			],
		},
	],
};
