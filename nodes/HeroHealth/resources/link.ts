import {
	binaryField,
	booleanField,
	dateField,
	numberField,
	recordLocator,
	textField,
} from '../fields';
import { fileNameField, fileTypeProblem } from '../fields/fileRules';
import type { HeroResource } from '../model';

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
				'Create an expiring link to a patient file: an EHR file (from Get Many Attachments) or a file you upload from binary data. Send its attachment_uuid with Send Message.',
			heroName: 'Create an Attachment Link',
			method: 'POST',
			path: '/v1/attachment_links',
			scope: 'messaging',
			fields: [
				recordLocator({
					parameter: 'patientId',
					record: 'patient',
					label: 'Patient',
					apiKey: 'patient_id',
				}),
				textField({
					parameter: 'ehrFileId',
					label: 'EHR File ID',
					apiKey: 'ehr_file_id',
					maxLength: 200,
					description: 'From Patient > Get Many Attachments',
				}),
				binaryField({
					parameter: 'inputBinaryField',
					label: 'Input Binary Field',
					apiKey: 'file_data',
					fileNameKey: 'file_name',
					topLevel: true,
					description:
						'The binary field of the input item holding the file to upload (such as a PDF from an email or Drive node); its name is used when File Name is empty. Not read when EHR File ID is set.',
				}),
				textField({
					parameter: 'fileData',
					label: 'File Data',
					apiKey: 'file_data',
					maxLength: 20_000_000,
					description: 'Base64 file content, when not linking an EHR file',
				}),
				fileNameField({
					parameter: 'fileName',
					label: 'File Name',
					apiKey: 'file_name',
					description: "The file's name as the patient sees it; from the binary data when empty",
				}),
				dateField({ parameter: 'expiryDate', label: 'Expiry Date', apiKey: 'expiry_date' }),
				numberField({
					parameter: 'maximumUseCount',
					label: 'Maximum Use Count',
					apiKey: 'maximum_use_count',
					min: 1,
					default: 1,
				}),
			],
			check: ({ body, binary }) => {
				if (!(body?.ehr_file_id || body?.file_data || binary))
					return {
						field: 'EHR File ID',
						message: 'or a file to upload is needed: the link must point at a file',
					};
				// Base64 File Data (versions 1 to 3): its first bytes must fit its name's type.
				if (typeof body?.file_data === 'string') {
					const head = Buffer.from(body.file_data.slice(0, 64), 'base64');
					const problem = fileTypeProblem(head, undefined, String(body.file_name ?? ''));
					if (problem) return { field: 'File Data', message: problem };
				}
				return undefined;
			},
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
				textField({
					parameter: 'type',
					label: 'Type',
					apiKey: 'type',
					place: 'query',
					placeholder: 'e.g. booking',
					maxLength: 50,
				}),
				textField({
					parameter: 'status',
					label: 'Status',
					apiKey: 'status',
					place: 'query',
					placeholder: 'e.g. expired',
					maxLength: 50,
				}),
				textField({
					parameter: 'orderByField',
					label: 'Order By',
					apiKey: 'order_by',
					place: 'query',
					placeholder: 'e.g. expiry_date',
					maxLength: 50,
				}),
				booleanField({
					parameter: 'orderDescending',
					label: 'Order Descending',
					apiKey: 'order_descending',
					place: 'query',
					description: 'Whether to sort newest first',
				}),
				booleanField({
					parameter: 'excludePatientSpecificLinks',
					label: 'Exclude Patient-Specific Links',
					apiKey: 'exclude_patient_specific_links',
					place: 'query',
					description: 'Whether to leave out links made for one patient',
				}),
			],
		},
	],
};
