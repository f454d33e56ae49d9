// A safety control never switches itself off: an expression that gives nothing (a missing
// spreadsheet column) is an error naming the control and the item, and nothing is sent. Every
// operation offering a control is tried, in the node and as an AI agent's tool.
import type { IDataObject } from 'n8n-workflow';

import type { HeroOperation } from '../../../../nodes/HeroHealth/model';
import { writes } from '../../../../nodes/HeroHealth/model';
import { RESOURCES } from '../../../../nodes/HeroHealth/resources';
import { LATEST, resourcesFor } from '../../../../nodes/HeroHealth/versions';
import { byId, runHero } from '../../../harness/engine';
import { useFakeHero } from '../../../harness/fakeHero';
import { parametersFor } from '../../../harness/parameters';

const fake = useFakeHero();

/** What resolves to nothing for the item: its field is missing, as a column left out. */
const MISSING = '={{ $json.preview }}';

const operations = resourcesFor(RESOURCES, LATEST).flatMap((resource) =>
	resource.operations.map((operation) => ({ resource: resource.value, operation })),
);

/** [operation, control, parameters that show it with the control empty]. */
const cases = operations.flatMap(({ resource, operation }) =>
	operation.fields
		.filter((field) => field.safety)
		.map((field): [string, string, IDataObject] => {
			const base = parametersFor(resource, operation as HeroOperation);
			// Show the control: Send Window Hours shows while the window is on, Fields with Selected.
			const shown: IDataObject = field.showWhen?.sendWindow
				? { sendWindow: 'refuse' }
				: field.showWhen?.output
					? { output: 'selected' }
					: {};
			return [
				`${resource} > ${operation.name}`,
				field.property.displayName,
				{ ...base, ...shown, [field.property.name]: MISSING },
			];
		}),
);

describe('safety controls fail closed', () => {
	it('covers every control of the class', () => {
		const controls = new Set(cases.map(([, control]) => control));
		expect([...controls].sort()).toEqual([
			'Contactability Check',
			'Fields',
			'Max SMS Fragments',
			'Output',
			'Send Window',
			'Send Window Hours',
		]);
		expect(cases.length).toBeGreaterThanOrEqual(12);
	});

	describe.each([
		['the node', false],
		["an AI agent's tool", true],
	])('as %s', (_as, asTool) => {
		it.each(cases)(
			'%s: %s left empty by an expression is an error; nothing is sent',
			async (_op, control, parameters) => {
				const run = await runHero(parameters, { fake, items: [{ name: 'Robin' }], asTool });
				expect(run.error?.message).toMatch(
					new RegExp(
						`^\\[item 0\\] ${control}: is empty \\(an expression gave nothing\\); a safety control is never switched off by a missing value: give it `,
					),
				);
				expect(fake.requests).toHaveLength(0);
			},
		);

		const writing = operations.filter(({ operation }) => writes(operation as HeroOperation));
		it.each(
			writing.map(
				({ resource, operation }) =>
					[`${resource} > ${operation.name}`, resource, operation] as const,
			),
		)(
			'%s: Dry Run left empty by an expression is an error, never a real send',
			async (_label, resource, operation) => {
				const parameters = {
					...parametersFor(resource, operation as HeroOperation),
					dryRun: MISSING,
				};
				const run = await runHero(parameters, { fake, items: [{ name: 'Robin' }], asTool });
				expect(run.error?.message).toBe(
					'[item 0] Dry Run: is empty (an expression gave nothing); it is never read as off: give it true or false',
				);
				expect(fake.requests).toHaveLength(0);
			},
		);
	});

	const sendMessage = {
		resource: 'message',
		operation: 'send',
		patientId: byId('20001'),
		channel: 'sms',
		message: 'Your review is due',
	};

	it('a control the user set to Off stays off: that is a choice, not a missing value', async () => {
		const run = await runHero(
			{
				...sendMessage,
				sendWindow: '={{ $json.window }}',
				contactabilityCheck: '={{ $json.check }}',
			},
			{ fake, items: [{ window: 'off', check: 'off' }] },
		);
		expect(run.error).toBeUndefined();
		expect(fake.received('sendMessage')).toBe(1);
		expect(fake.received('getPatient')).toBe(0);
	});

	it('an unknown value is refused by name, not read as off', async () => {
		const run = await runHero(
			{ ...sendMessage, sendWindow: '={{ $json.window }}' },
			{ fake, items: [{ window: 'no' }] },
		);
		expect(run.error?.message).toBe('[item 0] Send Window: must be one of: off, refuse, schedule');
		expect(fake.requests).toHaveLength(0);
	});
});
