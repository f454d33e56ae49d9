import { choiceField, idField } from '../fields';
import type { HeroResource } from '../model';
import { CARE_STATUSES, PRIORITIES } from './shared';

const taskId = () =>
	idField({ parameter: 'taskId', label: 'Task ID', apiKey: 'id', place: 'path', required: true });

export const task: HeroResource = {
	value: 'task',
	name: 'Task',
	description: 'Tasks within episodes of care',
	operations: [
		{
			value: 'get',
			name: 'Get',
			action: 'Get a task',
			description: 'Get a task with its patient',
			heroName: 'Get Task',
			method: 'GET',
			path: '/v2/tasks/{id}',
			subject: 'task',
			fields: [taskId()],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update a task',
			description: "Change a task's status, priority or assignee",
			heroName: 'Update a task',
			method: 'PATCH',
			path: '/v1/tasks/{id}',
			subject: 'task',
			fields: [
				taskId(),
				choiceField({
					parameter: 'status',
					label: 'Status',
					apiKey: 'status',
					values: CARE_STATUSES,
				}),
				choiceField({
					parameter: 'priority',
					label: 'Priority',
					apiKey: 'priority',
					values: PRIORITIES,
				}),
				choiceField({
					parameter: 'assigneeType',
					label: 'Assignee Type',
					apiKey: 'assignee_type',
					values: [
						['Admin', 'admin'],
						['Admin Team', 'admin_team'],
					],
				}),
				idField({ parameter: 'assigneeId', label: 'Assignee ID', apiKey: 'assignee_id' }),
			],
		},
	],
};
