// The examples are what practices copy: each Hero node on the latest node version, with every
// safety control on. An example may keep an older version or a control off only by saying why
// in the node's notes ("Why version 3: ...", "Why Send Window is off: ...").
import type { IDataObject } from 'n8n-workflow';

import { RESOURCES } from '../../nodes/HeroHealth/resources';
import { findOperation } from '../../nodes/HeroHealth/model';
import { LATEST, resourcesFor } from '../../nodes/HeroHealth/versions';
import { HeroHealthOutcomesTrigger } from '../../nodes/HeroHealthOutcomesTrigger/HeroHealthOutcomesTrigger.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';
import { listProjectFolder, readProjectFile } from '../harness/files';

interface ExampleNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: IDataObject;
	notes?: string;
}

const SAFETY_CONTROLS = ['sendWindow', 'contactabilityCheck'];
/** The triggers' latest versions; they have no operations or safety controls to check. */
const TRIGGERS: Record<string, number> = Object.fromEntries(
	[new HeroHealthTrigger(), new HeroHealthOutcomesTrigger()].map((node) => [
		node.description.name,
		Math.max(...[node.description.version].flat()),
	]),
);

/** What is wrong with one example's Hero nodes: below the latest version, or a control off. */
function problemsOf(file: string, nodes: ExampleNode[]): string[] {
	const problems: string[] = [];
	for (const node of nodes) {
		const kind = node.type.replace(/^n8n-nodes-herohealth\./, '');
		if (kind === node.type) continue;
		const notes = node.notes ?? '';
		const latest = TRIGGERS[kind] ?? LATEST;
		if (node.typeVersion !== latest && !notes.includes(`Why version ${node.typeVersion}:`)) {
			problems.push(`${file} "${node.name}": version ${node.typeVersion}, the latest is ${latest}`);
		}
		if (kind in TRIGGERS) continue;
		const { resource, operation } = node.parameters as { resource: string; operation: string };
		const entry = findOperation(resourcesFor(RESOURCES, node.typeVersion), resource, operation);
		if (!entry) {
			problems.push(`${file} "${node.name}": no operation ${resource} > ${operation}`);
			continue;
		}
		for (const field of entry.fields.filter((f) => SAFETY_CONTROLS.includes(f.apiKey))) {
			const { name, displayName } = field.property;
			const value = node.parameters[name] ?? field.property.default;
			if (value === 'off' && !notes.includes(`Why ${displayName} is off:`)) {
				problems.push(`${file} "${node.name}": ${displayName} is Off`);
			}
		}
	}
	return problems;
}

const examples = listProjectFolder('examples/')
	.filter((name) => name.endsWith('.json'))
	.map((name) => ({
		file: `examples/${name}`,
		nodes: (JSON.parse(readProjectFile(`examples/${name}`)) as { nodes: ExampleNode[] }).nodes,
	}));

describe('examples', () => {
	it.each(examples.map((example) => [example.file, example] as const))(
		'%s: every Hero node on the latest version, every safety control on',
		(file, { nodes }) => {
			expect(nodes.some((node) => node.type.startsWith('n8n-nodes-herohealth.'))).toBe(true);
			expect(problemsOf(file, nodes)).toEqual([]);
		},
	);

	it('catches a node below the latest version and a control set to Off, unless its notes say why', () => {
		const send: ExampleNode = {
			name: 'Send',
			type: 'n8n-nodes-herohealth.heroHealth',
			typeVersion: 1,
			parameters: { resource: 'message', operation: 'send' },
		};
		const sendToMany: ExampleNode = {
			name: 'Many',
			type: 'n8n-nodes-herohealth.heroHealth',
			typeVersion: LATEST,
			parameters: { resource: 'message', operation: 'sendToMany', sendWindow: 'off' },
		};
		expect(problemsOf('fixture', [send, sendToMany])).toEqual([
			`fixture "Send": version 1, the latest is ${LATEST}`,
			'fixture "Send": Send Window is Off',
			'fixture "Send": Contactability Check is Off',
			'fixture "Many": Send Window is Off',
		]);
		const explained = [
			{
				...send,
				notes:
					'Why version 1: shows a saved workflow. Why Send Window is off: a test. Why Contactability Check is off: a test.',
			},
			{ ...sendToMany, notes: 'Why Send Window is off: the suite sends at night.' },
		];
		expect(problemsOf('fixture', explained)).toEqual([]);
	});
});
