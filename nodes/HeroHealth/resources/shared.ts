/** Status and priority values shared by episodes and tasks. */
export const CARE_STATUSES: Array<[string, string]> = [
	['Open', 'open'],
	['In Progress', 'in_progress'],
	['Closed', 'closed'],
];

export const PRIORITIES = ['lowest', 'low', 'medium', 'high', 'highest'];
