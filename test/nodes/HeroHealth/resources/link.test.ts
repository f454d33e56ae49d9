import { runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';

const fake = useFakeHero();

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
		const empty = await runHero(
			{
				resource: 'link',
				operation: 'createAttachmentLink',
				additionalFields: { patientId: '20001' },
			},
			{ fake },
		);
		expect(empty.error?.message).toBe(
			'[item 0] EHR File ID: or File Data is needed: the link must point at a file',
		);
		expect(fake.received('createAttachmentLink')).toBe(1);
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
