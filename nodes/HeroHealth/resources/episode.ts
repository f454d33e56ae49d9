import { choice, flagList, id, idList, json, multiChoice, text } from '../fields';
import type { HeroResource } from '../types';
import { CARE_STATUSES as STATUSES, PRIORITIES } from './shared';

const episodeId = () => id('Episode ID', 'id', { in: 'path', required: true });

export const episode: HeroResource = {
	value: 'episode',
	name: 'Episode',
	description: 'Episodes of care: tasks grouped around a patient, with notes',
	operations: [
		{
			value: 'list',
			name: 'Get Many',
			action: 'Get many episodes',
			description: "List episodes by assignee, status and priority (v1). Get Many (V2) is Hero's newer endpoint; what it adds was not documented.",
			heroName: 'List Episodes',
			method: 'GET',
			path: '/v1/episodes',
			list: { paginated: true },
			fields: [
				idList('Assignee IDs', 'assignee_id[]', { in: 'query', name: 'assigneeIds' }),
				multiChoice('Assignee Types', 'assignee_type[]', [
					['Admin', 'Admin'],
					['Admin Team', 'AdminTeam'],
					['Unassigned', 'Unassigned'],
				], { in: 'query' }),
				multiChoice('Statuses', 'status[]', STATUSES, { in: 'query' }),
				multiChoice('Priorities', 'priority[]', PRIORITIES, { in: 'query' }),
				multiChoice('Order By', 'order_by[]', [
					['Created At', 'created_at'],
					['Priority', 'priority'],
				], { in: 'query' }),
				flagList('Order Descending', 'order_descending[]', {
					in: 'query',
					description: 'Whether to sort newest or highest first',
				}),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get an episode',
			description: "Get an episode with its assignees and tasks (v1). Get (V2) is Hero's newer endpoint; what it adds was not documented.",
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
				choice('Status', 'status', STATUSES),
				choice('Priority', 'priority', PRIORITIES),
				json('Assignees', 'assignees', {
					description: 'JSON array of { "type": "Admin" | "AdminTeam", "id": "…" }',
					placeholder: '[{"type": "Admin", "id": "801"}]',
				}),
			],
		},
		{
			value: 'createNote',
			name: 'Create Note',
			action: 'Create a note on an episode',
			description: 'Add a free-text note to an episode',
			heroName: 'Create a note',
			method: 'POST',
			path: '/v1/notes',
			subject: 'episode',
			fields: [
				id('Episode ID', 'episode_id', { required: true, name: 'noteEpisodeId' }),
				text('Note', 'description', { required: true, rows: 3, maxLength: 5000 }),
			],
		},
		{
			value: 'listV2',
			name: 'Get Many (V2)',
			action: 'Get many episodes (v2)',
			description: "List episodes with Hero's v2 endpoint. Hero has not documented what it adds over Get Many, which offers filters.",
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
			description: "Get an episode with Hero's v2 endpoint. Hero has not documented what it adds over Get.",
			heroName: 'Get Episode (v2)',
			method: 'GET',
			path: '/v2/episodes/{id}',
			subject: 'episode',
			fields: [episodeId()],
		},
	],
};
