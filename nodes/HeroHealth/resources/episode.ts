import {
	choiceField,
	flagListField,
	idListField,
	jsonField,
	multiChoiceField,
	recordLocator,
	textField,
} from '../fields';
import type { HeroResource } from '../model';
import { CARE_STATUSES as STATUSES, PRIORITIES } from './shared';

const episodeId = () =>
	recordLocator({
		parameter: 'episodeId',
		record: 'episode',
		label: 'Episode',
		apiKey: 'id',
		place: 'path',
		required: true,
	});

export const episode: HeroResource = {
	value: 'episode',
	name: 'Episode',
	description: 'Episodes of care: tasks grouped around a patient, with notes',
	operations: [
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many episodes',
			description:
				"List episodes by assignee, status and priority (v1). Get Many (V2) is Hero's newer endpoint; what it adds was not documented.",
			heroName: 'List Episodes',
			method: 'GET',
			path: '/v1/episodes',
			list: { paginated: true },
			fields: [
				idListField({
					parameter: 'assigneeIds',
					label: 'Assignee IDs',
					apiKey: 'assignee_id[]',
					place: 'query',
				}),
				multiChoiceField({
					parameter: 'assigneeTypes',
					label: 'Assignee Types',
					apiKey: 'assignee_type[]',
					values: [
						['Admin', 'Admin'],
						['Admin Team', 'AdminTeam'],
						['Unassigned', 'Unassigned'],
					],
					place: 'query',
				}),
				multiChoiceField({
					parameter: 'statuses',
					label: 'Statuses',
					apiKey: 'status[]',
					values: STATUSES,
					place: 'query',
				}),
				multiChoiceField({
					parameter: 'priorities',
					label: 'Priorities',
					apiKey: 'priority[]',
					values: PRIORITIES,
					place: 'query',
				}),
				multiChoiceField({
					parameter: 'orderByFields',
					label: 'Order By',
					apiKey: 'order_by[]',
					values: [
						['Created At', 'created_at'],
						['Priority', 'priority'],
					],
					place: 'query',
				}),
				flagListField({
					parameter: 'orderDescending',
					label: 'Order Descending',
					apiKey: 'order_descending[]',
					place: 'query',
					description: 'Whether to sort newest or highest first',
				}),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get an episode',
			description:
				"Get an episode with its assignees and tasks (v1). Get (V2) is Hero's newer endpoint; what it adds was not documented.",
			heroName: 'Get Episode',
			method: 'GET',
			path: '/v1/episodes/{id}',
			subject: 'episode',
			fields: [episodeId()],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update an episode',
			description: "Change an episode's status, priority or assignees",
			heroName: 'Update Episode',
			method: 'PATCH',
			path: '/v1/episodes/{id}',
			subject: 'episode',
			fields: [
				episodeId(),
				choiceField({ parameter: 'status', label: 'Status', apiKey: 'status', values: STATUSES }),
				choiceField({
					parameter: 'priority',
					label: 'Priority',
					apiKey: 'priority',
					values: PRIORITIES,
				}),
				jsonField({
					parameter: 'assignees',
					label: 'Assignees',
					apiKey: 'assignees',
					description: 'JSON array of { "type": "Admin" | "AdminTeam", "id": "…" }',
					placeholder: '[{"type": "Admin", "id": "801"}]',
				}),
			],
		},
		{
			value: 'createNote',
			name: 'Create Note',
			action: 'Create an episode note',
			description: 'Add a free-text note to an episode',
			heroName: 'Create a note',
			method: 'POST',
			path: '/v1/notes',
			subject: 'episode',
			fields: [
				recordLocator({
					parameter: 'noteEpisodeId',
					record: 'episode',
					label: 'Episode',
					apiKey: 'episode_id',
					required: true,
				}),
				textField({
					parameter: 'note',
					label: 'Note',
					apiKey: 'description',
					required: true,
					rows: 3,
					maxLength: 5000,
				}),
			],
		},
		{
			value: 'listV2',
			name: 'Get Many (V2)',
			action: 'Get many episodes (v2)',
			description:
				"List episodes with Hero's v2 endpoint. Hero has not documented what it adds over Get Many, which offers filters.",
			heroName: 'List Episodes (v2)',
			method: 'GET',
			path: '/v2/episodes',
			list: { paginated: false },
			fields: [],
		},
		{
			value: 'getV2',
			name: 'Get (V2)',
			action: 'Get an episode (v2)',
			description:
				"Get an episode with Hero's v2 endpoint. Hero has not documented what it adds over Get.",
			heroName: 'Get Episode (v2)',
			method: 'GET',
			path: '/v2/episodes/{id}',
			subject: 'episode',
			fields: [episodeId()],
		},
	],
};
