import { choice, id } from '../fields';
import type { HeroResource } from '../types';
import { CARE_STATUSES, PRIORITIES } from './shared';

const taskId = () => id('Task ID', 'id', { name: 'taskId', in: 'path', required: true });

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
				choice('Status', 'status', CARE_STATUSES, { name: 'status' }),
				choice('Priority', 'priority', PRIORITIES, { name: 'priority' }),
				choice('Assignee Type', 'assignee_type', [
					['Admin', 'admin'],
					['Admin Team', 'admin_team'],
				], { name: 'assigneeType' }),
				id('Assignee ID', 'assignee_id', { name: 'assigneeId' }),
			],
		},
	],
};
