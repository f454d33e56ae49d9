import { boolean, date, idLocator, number, text } from '../fields';
import type { HeroResource } from '../types';

export const link: HeroResource = {
	value: 'link',
	name: 'Link',
	description: 'Attachment links and the short links Hero makes for booking, forms and files',
	operations: [
		{
			value: 'createAttachmentLink',
			name: 'Create Attachment Link',
			action: 'Create an attachment link',
			description:
				'Create an expiring link to a patient file: an EHR file (from Get Many Attachments) or file data you upload. Send its attachment_uuid with Send Message.',
			heroName: 'Create an Attachment Link',
			method: 'POST',
			path: '/v1/attachment_links',
			scope: 'messaging',
			fields: [
				idLocator('patient', 'Patient ID', 'patient_id', { name: 'patientId' }),
				text('EHR File ID', 'ehr_file_id', { name: 'ehrFileId', maxLength: 200, description: 'From Patient > Get Many Attachments' }),
				text('File Data', 'file_data', { name: 'fileData',
					maxLength: 20_000_000,
					description: 'Base64 file content, when not linking an EHR file',
				}),
				text('File Name', 'file_name', { name: 'fileName', maxLength: 255, placeholder: 'e.g. letter.pdf' }),
				date('Expiry Date', 'expiry_date', { name: 'expiryDate' }),
				number('Maximum Use Count', 'maximum_use_count', { name: 'maximumUseCount', min: 1, default: 1 }),
			],
			check: ({ body }) =>
				body?.ehr_file_id || body?.file_data
					? undefined
					: { field: 'EHR File ID', message: 'or File Data is needed: the link must point at a file' },
		},
		{
			value: 'listShortLinks',
			name: 'Get Many Short Links',
			action: 'Get many short links',
			description: 'List short links (booking, form and attachment links) by type and status',
			heroName: 'List Short Links',
			method: 'GET',
			path: '/v1/short_links',
			list: { paginated: true },
			fields: [
				text('Type', 'type', { name: 'type', in: 'query', placeholder: 'e.g. booking', maxLength: 50 }),
				text('Status', 'status', { name: 'status', in: 'query', placeholder: 'e.g. expired', maxLength: 50 }),
				text('Order By', 'order_by', { name: 'orderByField', in: 'query', placeholder: 'e.g. expiry_date', maxLength: 50 }),
				boolean('Order Descending', 'order_descending', { name: 'orderDescending', in: 'query', description: 'Whether to sort newest first' }),
				boolean('Exclude Patient-Specific Links', 'exclude_patient_specific_links', { name: 'excludePatientSpecificLinks',
					in: 'query',
					description: 'Whether to leave out links made for one patient',
				}),
			],
		},
	],
};
