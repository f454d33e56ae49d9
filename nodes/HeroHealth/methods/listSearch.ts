import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { NodeOperationError } from 'n8n-workflow';

import { normaliseId, UK_TIME } from '../../shared/normalise';
import type { HeroRequest } from '../../shared/transport';
import { heroRequest, heroRequestPages, recordsOf } from '../../shared/transport';

const PAGE = 50;
const PAGED = 100;

/**
 * The practice a list shows: Request Options > Practice Group ID when set, so that lists show
 * the records the node's requests will act on; else the credential's. Unlike a run's (run/
 * settings.ts) there is no item to evaluate an expression against, so one is refused.
 */
function listsPractice(context: ILoadOptionsFunctions): string | undefined {
	let options: unknown;
	try {
		options = context.getCurrentNodeParameter('requestOptions');
	} catch {
		return undefined;
	}
	const raw = (options as IDataObject | undefined)?.practiceGroupId;
	if (raw === undefined || raw === '') return undefined;
	if (typeof raw === 'string' && raw.startsWith('=')) {
		throw new NodeOperationError(
			context.getNode(),
			'Lists cannot follow an expression in Request Options > Practice Group ID',
			{ description: 'Enter the practice group ID itself to pick from its lists, or pick By ID.' },
		);
	}
	try {
		return normaliseId(raw);
	} catch (error) {
		throw new NodeOperationError(
			context.getNode(),
			`Request Options > Practice Group ID: ${(error as Error).message}`,
			{ description: 'Correct the Practice Group ID under Request Options to see its lists.' },
		);
	}
}

/** A GET for a list, for the practice the node acts for. */
function listRequest(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): HeroRequest {
	const request: HeroRequest = { method: 'GET', path, qs };
	const practiceGroupId = listsPractice(context);
	if (practiceGroupId) request.practiceGroupId = practiceGroupId;
	return request;
}

async function fetchRecords(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return recordsOf(await heroRequest.call(context, listRequest(context, path, qs)));
}

function labelOf(record: IDataObject): string {
	const person = [record.first_name, record.last_name].filter(Boolean).join(' ');
	return String(record.name ?? record.title ?? (person || record.url || record.id));
}

/** How a list is ordered: by the label shown, or soonest first by start time. */
type Order = 'name' | 'start';

const startOf = (record: IDataObject) => Date.parse(String(record.start_time)) || 0;

/** Records as list entries, filtered by what is typed, in `order`. */
function matching(
	records: IDataObject[],
	filter?: string,
	label = labelOf,
	order: Order = 'name',
): INodeListSearchItems[] {
	const needle = filter?.trim().toLowerCase();
	const sorted = order === 'start' ? [...records].sort((a, b) => startOf(a) - startOf(b)) : records;
	const entries = sorted
		.map((record) => ({ name: label(record), value: String(record.id) }))
		.filter(
			(entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value === needle,
		);
	return order === 'name' ? entries.sort((a, b) => a.name.localeCompare(b.name)) : entries;
}

/** The ID picked so far in another field of the node (required, a filter or an additional field). */
function picked(context: ILoadOptionsFunctions, name: string): string | undefined {
	for (const path of [name, `filters.${name}`, `additionalFields.${name}`]) {
		let value: unknown;
		try {
			value = context.getCurrentNodeParameter(path);
		} catch {
			continue;
		}
		if (value && typeof value === 'object' && '__rl' in value)
			value = (value as { value?: unknown }).value;
		// An expression is only known when the node runs: it narrows nothing here.
		const id = typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
		if (/^\d+$/.test(id)) return id;
	}
	return undefined;
}

/** Query parameters from fields already picked, e.g. practitioners at the chosen location. */
type Narrowing = Record<string, string>;

function narrowing(context: ILoadOptionsFunctions, by: Narrowing): IDataObject {
	const qs: IDataObject = {};
	for (const [param, field] of Object.entries(by)) {
		const id = picked(context, field);
		if (id) qs[param] = id;
	}
	return qs;
}

function searcher(path: string, label = labelOf, by: Narrowing = {}) {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
	): Promise<INodeListSearchResult> {
		return {
			results: matching(await fetchRecords(this, path, narrowing(this, by)), filter, label),
		};
	};
}

function loader(path: string, label = labelOf, by: Narrowing = {}) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return matching(await fetchRecords(this, path, narrowing(this, by)), undefined, label);
	};
}

// Hero narrows appointment types by location, and practitioners by location and appointment type.
const BY_LOCATION: Narrowing = { location_ids: 'locationId' };
const BY_LOCATION_AND_TYPE: Narrowing = {
	...BY_LOCATION,
	appointment_type_ids: 'appointmentTypeId',
};

/** A list Hero pages: one page of 100 per call, the next on scrolling. */
function pagedSearcher(path: string, label = labelOf, order: Order = 'name') {
	return async function (
		this: ILoadOptionsFunctions,
		filter?: string,
		paginationToken?: string,
	): Promise<INodeListSearchResult> {
		const pageIndex = Number(paginationToken ?? 0) || 0;
		const qs = { page_index: pageIndex, page_size: PAGED };
		const records = recordsOf(await heroRequest.call(this, listRequest(this, path, qs)));
		return {
			results: matching(records, filter, label, order),
			paginationToken: records.length === PAGED ? String(pageIndex + 1) : undefined,
		};
	};
}

/** A dropdown of a paged list: every page, up to a guard for very large practices. */
function pagedLoader(path: string, label = labelOf) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const records = await heroRequestPages.call(
			this,
			listRequest(this, path),
			{},
			{ maxPages: 50 },
		);
		return matching(records, undefined, label);
	};
}

const webhookLabel = (record: IDataObject) => `${record.event_type} → ${record.url}`;

/** An episode by its patient, first task and status; Hero's episode fields were partly captured. */
function episodeLabel(record: IDataObject): string {
	const patient = (record.patient ?? {}) as IDataObject;
	const who = [patient.first_name, patient.last_name].filter(Boolean).join(' ');
	const task = ((record.tasks as IDataObject[] | undefined) ?? [])[0]?.type_label;
	const parts = [who, task, record.status].filter(Boolean).map(String);
	return `${parts.join(', ') || 'Episode'} (#${String(record.id)})`;
}

/** A slot by its start time (UK) and length. */
function slotLabel(record: IDataObject): string {
	const start = new Date(String(record.start_time));
	const when = Number.isNaN(start.getTime())
		? String(record.start_time)
		: start.toLocaleString('en-GB', {
				timeZone: UK_TIME,
				dateStyle: 'medium',
				timeStyle: 'short',
			});
	return `${when}${record.duration ? `, ${String(record.duration)} min` : ''} (#${String(record.id)})`;
}
const formLabel = (record: IDataObject) => String(record.title ?? record.id);

/** Patients are searched on Hero (v3): digits as an NHS number, words as names. */
async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
	// Hero's patient search needs a filter; the editor asks for one before searching.
	if (!text) return { results: [] };
	const qs: IDataObject = { page_size: PAGE, page_index: Number(paginationToken ?? 0) };
	const digits = text.replace(/[\s-]/g, '');
	if (/^\d{10}$/.test(digits)) qs.nhs_number = digits;
	else if (text) {
		const words = text.split(/\s+/);
		if (words.length === 1) qs.last_name = words[0];
		else {
			qs.first_name = words[0];
			qs.last_name = words.slice(1).join(' ');
		}
	}
	const body = await heroRequest.call(this, listRequest(this, '/v3/patients', qs));
	const records = recordsOf(body);
	const results = records.map((record) => ({
		name: `${[record.first_name, record.last_name].filter(Boolean).join(' ')} (born ${String(record.dob ?? '').slice(0, 10)})`,
		value: String(record.id),
	}));
	const more = records.length === PAGE;
	return { results, paginationToken: more ? String(Number(qs.page_index) + 1) : undefined };
}

export const listSearch = {
	searchLocations: searcher('/v1/locations'),
	searchPractitioners: searcher('/v1/practitioners', labelOf, BY_LOCATION_AND_TYPE),
	searchAppointmentTypes: searcher('/v1/appointment_types', labelOf, BY_LOCATION),
	searchTemplates: searcher('/v1/templates'),
	searchForms: searcher('/v1/forms', formLabel),
	searchAdmins: pagedSearcher('/v1/admins'),
	searchWebhooks: searcher('/v1/webhooks', webhookLabel),
	searchBatchMessages: pagedSearcher('/v1/batch_message'),
	searchEpisodes: pagedSearcher('/v1/episodes', episodeLabel),
	// Soonest first within each page Hero returns.
	searchSlots: pagedSearcher('/v1/slots', slotLabel, 'start'),
	searchPatients,
};

export const loadOptions = {
	getLocations: loader('/v1/locations'),
	getPractitioners: loader('/v1/practitioners', labelOf, BY_LOCATION_AND_TYPE),
	getAppointmentTypes: loader('/v1/appointment_types', labelOf, BY_LOCATION),
	getTemplates: loader('/v1/templates'),
	getForms: loader('/v1/forms', formLabel),
	getAdmins: pagedLoader('/v1/admins'),
};
