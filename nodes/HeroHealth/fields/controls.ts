import { normaliseJsonObject, normaliseTextList } from '../../shared/normalise';
import { patientFieldsOf } from '../../shared/output';
import type { HeroField, HeroOperation } from '../model';
import { heroField } from './field';
import { booleanField, choiceField, textListField } from './values';

// The controls every operation of a kind gets: the hatches (Extra Body Fields, Extra Query
// Parameters) and what it outputs (Simplify, Output). The safety controls are in safety/fields.ts.

/**
 * Hatches for fields Hero documents that the node does not offer (yet): a JSON object
 * merged last into the body of an operation that sends one, and into the query of one that
 * takes query parameters. Saved workflows keep working when Hero adds a field.
 */
export function extraFields(operation: HeroOperation): HeroField[] {
	const extras: HeroField[] = [];
	if (operation.fields.some((f) => f.place === 'body')) {
		extras.push(
			heroField(
				{
					label: 'Extra Body Fields',
					parameter: 'extraBodyFields',
					place: 'extraBody',
					default: '{}',
					description:
						'A JSON object of body fields Hero documents that this operation does not offer, e.g. {"memo": "Paid by card"}. A key naming a field above (such as nhs_number) is checked by that field\'s rules, and refused when that field is set too; other keys are sent as they are.',
				},
				{ type: 'json' },
				normaliseJsonObject,
			),
		);
	}
	if (operation.fields.some((f) => f.place === 'query') || operation.list?.paginated) {
		extras.push(
			heroField(
				{
					label: 'Extra Query Parameters',
					parameter: 'extraQueryParameters',
					place: 'extraQuery',
					default: '{}',
					description:
						'A JSON object of query parameters Hero documents that this operation does not offer, e.g. {"include_archived": true}. A key naming a field above is checked by that field\'s rules, and refused when that field is set too; other keys are sent as they are.',
				},
				{ type: 'json' },
				normaliseJsonObject,
			),
		);
	}
	return extras;
}

/**
 * What an operation outputs: Simplify where it has a short form; patient records also get Output
 * (Simplified, Raw, Selected Fields) in the node versions that have it (versions.ts).
 */
export function outputControls(operation: HeroOperation): HeroField[] {
	const short = operation.simplify ?? operation.outputKeys;
	if (!short) return [];
	const fields: HeroField[] = [];
	if (operation.simplify) {
		fields.push(
			booleanField({
				label: 'Simplify',
				parameter: 'simplify',
				apiKey: 'simplify',
				place: 'none',
				topLevel: true,
				section: 'output',
				default: true,
				description:
					'Whether to return a simplified version of the response instead of the raw data',
			}),
		);
	}
	if (operation.patientRecords) {
		fields.push(
			choiceField({
				label: 'Output',
				parameter: 'output',
				apiKey: 'output',
				place: 'none',
				topLevel: true,
				safety: true,
				section: 'output',
				values: [
					['Simplified', 'simplified'],
					['Raw', 'raw'],
					['Selected Fields', 'selected'],
				],
				default: 'simplified',
				description: `What to keep of each patient record: Simplified (${short.length} fields, IDs kept), Raw (the whole record), or Selected Fields. Restricted records leave out contact details and address unless named.`,
			}),
			{
				...textListField({
					label: 'Fields',
					parameter: 'outputFields',
					apiKey: 'outputFields',
					place: 'none',
					topLevel: true,
					safety: true,
					section: 'output',
					showWhen: { output: ['selected'] },
					placeholder: 'e.g. first_name, dob',
					description: 'The fields to keep, separated by commas; IDs are always kept',
				}),
				// Only fields Hero's patient records have: a misspelt name would silently keep nothing.
				normalise: (value: unknown) => {
					const names = normaliseTextList(value);
					return names && patientFieldsOf(names);
				},
			},
		);
	}
	return fields;
}
