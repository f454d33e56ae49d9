import { RESOURCES } from '../../nodes/HeroHealth/resources';
import type { HeroResource } from '../../nodes/HeroHealth/model';
import { readProjectFile, writeTempFile } from '../harness/files';
import { checkCoverage } from './coverage';

function without(
	resources: HeroResource[],
	resourceValue: string,
	operationValue: string,
): HeroResource[] {
	return resources.map((r) =>
		r.value === resourceValue
			? { ...r, operations: r.operations.filter((o) => o.value !== operationValue) }
			: r,
	);
}

describe('coverage of spec/hero-openapi.yaml', () => {
	it('every operation of the description is exactly one node operation, with every field reachable', () => {
		const { problems, operations } = checkCoverage(RESOURCES);
		expect(problems).toEqual([]);
		expect(operations).toBe(76);
	});

	it('fails, naming it, when an operation entry is removed', () => {
		const { problems } = checkCoverage(without(RESOURCES, 'booking', 'bookAppointment'));
		expect(problems).toEqual([
			'PATCH /v1/appointments/{id}/book (bookAppointment): no operation in the node',
		]);
	});

	it('fails when the description gains an operation the node lacks', () => {
		const spec = readProjectFile('spec/hero-openapi.yaml').replace(
			/^paths:\n/m,
			'paths:\n  /v1/new_thing:\n    get:\n      operationId: listNewThings\n      responses:\n        "200":\n          description: Ok\n',
		);
		const { problems, operations } = checkCoverage(
			RESOURCES,
			writeTempFile('hero-openapi-extra.yaml', spec),
		);
		expect(operations).toBe(77);
		expect(problems).toEqual(['GET /v1/new_thing (listNewThings): no operation in the node']);
	});

	it('fails when a required field becomes optional, a field goes missing or an enum value is not offered', () => {
		const broken = RESOURCES.map((r) =>
			r.value !== 'message'
				? r
				: {
						...r,
						operations: r.operations.map((o) =>
							o.value !== 'send'
								? o
								: {
										...o,
										fields: o.fields
											.filter((f) => f.apiKey !== 'send_at')
											.map((f) =>
												f.apiKey === 'message_string'
													? { ...f, required: false }
													: f.apiKey === 'message_type'
														? {
																...f,
																property: { ...f.property, options: f.property.options?.slice(1) },
															}
														: f,
											),
									},
						),
					},
		);
		expect(checkCoverage(broken).problems.sort()).toEqual(
			[
				'Message > Send: body field send_at has no field',
				'Message > Send: body message_string must be a required field',
				'Message > Send: body message_type does not offer "email"',
			].sort(),
		);
	});
});

describe('updates and their bodies', () => {
	it('an update whose body Hero requires refuses an empty one; one Hero takes bare is marked', () => {
		const marked = RESOURCES.map((resource) =>
			resource.value === 'booking'
				? {
						...resource,
						operations: resource.operations.map((operation) =>
							operation.value === 'cancelAppointment'
								? { ...operation, bodyMayBeEmpty: false }
								: operation,
						),
					}
				: resource,
		);
		expect(checkCoverage(marked).problems).toEqual([
			'Booking > Cancel Appointment: Hero takes it with no body: mark it bodyMayBeEmpty',
		]);
	});
});
