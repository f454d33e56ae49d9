import type { IDataObject } from 'n8n-workflow';

import { FILE_NODE, HERO_NODE, heroCredentials, runChain, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

// A small PDF's bytes; any bytes would do, these are what a Drive or email node would hand on.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n');

/** A File node putting `file` on each item as n8n binary data, then the Hero Health node. */
function withFile(
	parameters: IDataObject,
	file: { content?: Buffer; fileName?: string; mimeType?: string; binaryField?: string },
	items: IDataObject[] = [{}],
	continueOnFail = false,
) {
	return runChain(
		[
			{
				name: 'File',
				type: FILE_NODE,
				parameters: {
					content: (file.content ?? PDF).toString('base64'),
					fileName: file.fileName ?? '',
					// Given: without one n8n detects it through an ESM import that Jest cannot load.
					mimeType: file.mimeType ?? 'application/pdf',
					binaryField: file.binaryField ?? 'data',
				},
			},
			{
				name: 'Hero Health',
				type: HERO_NODE,
				parameters,
				onError: continueOnFail ? 'continueRegularOutput' : undefined,
			},
		],
		{ credentials: heroCredentials(fake), items },
	);
}

const attachmentLink = (extra: IDataObject = {}) => ({
	resource: 'link',
	operation: 'createAttachmentLink',
	additionalFields: { patientId: '20001' },
	...extra,
});

describe('Link', () => {
	it('Create Attachment Link from an EHR file; refuses one with no file', async () => {
		const run = await runHero(
			{
				resource: 'link',
				operation: 'createAttachmentLink',
				additionalFields: {
					patientId: '20001',
					ehrFileId: 'att_1',
					expiryDate: '2026-12-31',
					maximumUseCount: 3,
				},
			},
			{ fake },
		);
		expect(run.json[0]).toEqual({
			attachment_link: expect.any(String),
			attachment_uuid: expect.any(String),
		});
		const empty = await runHero(attachmentLink(), { fake, typeVersion: 3 });
		expect(empty.error?.message).toBe(
			'[item 0] EHR File ID: or a file to upload is needed: the link must point at a file',
		);
		expect(fake.received('createAttachmentLink')).toBe(1);
	});

	describe('a file from n8n binary data (node version 4)', () => {
		it("uploads the Input Binary Field's file as base64, named from the binary data", async () => {
			const run = await withFile(attachmentLink(), {
				fileName: 'letter.pdf',
				mimeType: 'application/pdf',
			});
			expect(run.error).toBeUndefined();
			expect(run.jsonOf('Hero Health')[0]).toEqual({
				attachment_link: expect.any(String),
				attachment_uuid: expect.any(String),
			});
			const [sent] = fake.requestsFor('createAttachmentLink');
			expect(Buffer.from(sent.body.file_data, 'base64')).toEqual(PDF);
			expect(sent.body).toEqual({
				patient_id: '20001',
				file_data: PDF.toString('base64'),
				file_name: 'letter.pdf',
			});
		});

		it('File Name wins over the binary name; another field is read when named', async () => {
			const run = await withFile(
				attachmentLink({
					inputBinaryField: 'attachment_0',
					additionalFields: { patientId: '20001', fileName: 'results.pdf' },
				}),
				{ fileName: 'scan-0001.pdf', mimeType: 'application/pdf', binaryField: 'attachment_0' },
			);
			expect(run.error).toBeUndefined();
			expect(fake.requestsFor('createAttachmentLink')[0].body.file_name).toBe('results.pdf');
		});

		it('an EHR File ID links the EHR file and reads no binary data', async () => {
			const run = await runHero(
				attachmentLink({ additionalFields: { patientId: '20001', ehrFileId: 'att_1' } }),
				{ fake },
			);
			expect(run.error).toBeUndefined();
			expect(fake.requestsFor('createAttachmentLink')[0].body).toEqual({
				patient_id: '20001',
				ehr_file_id: 'att_1',
			});
		});

		it.each([
			[
				'no binary data on the item',
				() => runHero(attachmentLink(), { fake }),
				'[item 0] Input Binary Field: the input item has no binary field "data"; it has no binary data (read a file first, e.g. with Read/Write Files from Disk or an email trigger)',
			],
			[
				'a binary field of another name',
				() => withFile(attachmentLink(), { binaryField: 'attachment_0' }),
				'[item 0] Input Binary Field: the input item has no binary field "data"; it has "attachment_0"',
			],
			[
				'an empty file',
				() => withFile(attachmentLink(), { content: Buffer.alloc(0), fileName: 'empty.pdf' }),
				'[item 0] Input Binary Field: the file in "data" is empty',
			],
			[
				'a field name that is no name',
				() => withFile(attachmentLink({ inputBinaryField: 'data; rm' }), {}),
				'[item 0] Input Binary Field: must name a binary field of the input item, such as data (letters, digits, _ . -)',
			],
			[
				'no file and no Input Binary Field',
				() => withFile(attachmentLink({ inputBinaryField: '' }), {}),
				'[item 0] EHR File ID: or a file to upload is needed: the link must point at a file',
			],
		])('%s is an error naming the field and item; nothing is sent', async (_, run, message) => {
			const result = await run();
			expect(result.error?.message).toBe(message);
			expect(fake.received('createAttachmentLink')).toBe(0);
		});

		it('a file over 15,000,000 bytes is refused before sending', async () => {
			const run = await withFile(attachmentLink(), {
				content: Buffer.alloc(15_000_001, 1),
				fileName: 'scan.pdf',
			});
			expect(run.error?.message).toBe(
				'[item 0] Input Binary Field: the file in "data" is 15,000,001 bytes; Hero takes up to 15,000,000',
			);
			expect(fake.received('createAttachmentLink')).toBe(0);
		});

		it('per item: an item without its file fails alone under Continue On Fail', async () => {
			const run = await withFile(
				attachmentLink({ inputBinaryField: '={{ $json.field }}' }),
				{ fileName: 'letter.pdf' },
				[{ field: 'data' }, { field: 'missing' }, { field: 'data' }],
				true,
			);
			const out = run.jsonOf('Hero Health');
			expect(out.map((item) => Object.keys(item).sort())).toEqual([
				['attachment_link', 'attachment_uuid'],
				['description', 'error'],
				['attachment_link', 'attachment_uuid'],
			]);
			expect(out[1].error).toMatch(
				/^\[item 1\] Input Binary Field: the input item has no binary field "missing"/,
			);
			expect(fake.received('createAttachmentLink')).toBe(2);
		});

		it('Dry Run describes the file instead of repeating it', async () => {
			const run = await withFile(attachmentLink({ dryRun: true }), {
				fileName: 'letter.pdf',
				mimeType: 'application/pdf',
			});
			const [preview] = run.jsonOf('Hero Health');
			expect(preview.file).toEqual({
				file_name: 'letter.pdf',
				mime_type: 'application/pdf',
				file_size: PDF.length,
			});
			expect(preview.body).toEqual({
				patient_id: '20001',
				file_data: `(${PDF.length} bytes, base64)`,
				file_name: 'letter.pdf',
			});
			expect(fake.received('createAttachmentLink')).toBe(0);
		});

		it('a file name with a path or control characters is reduced to its base name', async () => {
			const run = await withFile(attachmentLink(), { fileName: '..\\..\\Windows\\evil\r\n.pdf' });
			expect(run.error).toBeUndefined();
			expect(fake.requestsFor('createAttachmentLink')[0].body.file_name).toBe('evil.pdf');
			const typed = await withFile(
				attachmentLink({
					additionalFields: { patientId: '20001', fileName: '../../etc/results\r\n.pdf' },
				}),
				{ fileName: 'scan.pdf' },
			);
			expect(typed.error).toBeUndefined();
			expect(fake.requestsFor('createAttachmentLink')[1].body.file_name).toBe('results.pdf');
		});

		it('an executable declared as a PDF is refused, naming the field and the item; nothing is sent', async () => {
			const program = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
			const run = await withFile(attachmentLink(), {
				content: program,
				fileName: 'letter.pdf',
				mimeType: 'application/pdf',
			});
			expect(run.error?.message).toBe(
				'[item 0] Input Binary Field: the file in "data" is declared as a PDF (application/pdf) but its content is not: it starts as a Windows program does',
			);
			expect(fake.received('createAttachmentLink')).toBe(0);
			const image = await withFile(attachmentLink(), {
				content: PDF,
				fileName: 'photo.png',
				mimeType: 'image/png',
			});
			expect(image.error?.message).toBe(
				'[item 0] Input Binary Field: the file in "data" is declared as a PNG image (image/png) but its content is not: it starts as a PDF does',
			);
			expect(fake.received('createAttachmentLink')).toBe(0);
		});

		it('older versions: base64 File Data must fit its name too', async () => {
			const run = await runHero(
				attachmentLink({
					additionalFields: {
						patientId: '20001',
						fileData: Buffer.concat([
							Buffer.from([0x7f, 0x45, 0x4c, 0x46]),
							Buffer.alloc(60),
						]).toString('base64'),
						fileName: 'a.pdf',
					},
				}),
				{ fake, typeVersion: 3 },
			);
			expect(run.error?.message).toBe(
				'[item 0] File Data: is declared as a PDF (.pdf) but its content is not: it starts as a Linux program does',
			);
			expect(fake.received('createAttachmentLink')).toBe(0);
		});

		it('older versions keep File Data and never read binary data', async () => {
			const run = await runHero(
				attachmentLink({
					additionalFields: {
						patientId: '20001',
						fileData: PDF.toString('base64'),
						fileName: 'a.pdf',
					},
				}),
				{ fake, typeVersion: 3 },
			);
			expect(run.error).toBeUndefined();
			expect(fake.requestsFor('createAttachmentLink')[0].body.file_data).toBe(
				PDF.toString('base64'),
			);
		});
	});

	it('Get Many Short Links with filters', async () => {
		const run = await runHero(
			{
				resource: 'link',
				operation: 'listShortLinks',
				returnAll: true,
				filters: {
					type: 'booking',
					status: 'active',
					orderByField: 'expiry_date',
					orderDescending: true,
					excludePatientSpecificLinks: true,
				},
			},
			{ fake },
		);
		expect(run.json).toHaveLength(3);
		expect(fake.requestsFor('listShortLinks')[0].query).toEqual(
			expect.objectContaining({ type: ['booking'], exclude_patient_specific_links: ['true'] }),
		);
	});
});
