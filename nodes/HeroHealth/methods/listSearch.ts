import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { heroRequest, recordsOf } from '../transport';

const PAGE = 50;

async function fetchRecords(
	context: ILoadOptionsFunctions,
	path: string,
	qs: IDataObject = {},
): Promise<IDataObject[]> {
	return recordsOf(await heroRequest.call(context, { method: 'GET', path, qs }));
}

function labelOf(record: IDataObject): string {
	const person = [record.first_name, record.last_name].filter(Boolean).join(' ');
	return String(record.name ?? record.title ?? (person || record.url || record.id));
}

function matching(records: IDataObject[], filter?: string, label = labelOf): INodeListSearchItems[] {
	const needle = filter?.trim().toLowerCase();
	return records
		.map((record) => ({ name: label(record), value: String(record.id) }))
		.filter((entry) => !needle || entry.name.toLowerCase().includes(needle) || entry.value === needle)
		.sort((a, b) => a.name.localeCompare(b.name));
}

function searcher(path: string, label = labelOf, qs: IDataObject = {}) {
	return async function (this: ILoadOptionsFunctions, filter?: string): Promise<INodeListSearchResult> {
		return { results: matching(await fetchRecords(this, path, qs), filter, label) };
	};
}

function loader(path: string, label = labelOf, qs: IDataObject = {}) {
	return async function (this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		return matching(await fetchRecords(this, path, qs), undefined, label);
	};
}

const webhookLabel = (record: IDataObject) => `${record.event_type} → ${record.url}`;
const formLabel = (record: IDataObject) => String(record.title ?? record.id);

/** Patients are searched on Hero (v3): digits as an NHS number, words as names. */
async function searchPatients(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const text = (filter ?? '').trim();
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
	const body = await heroRequest.call(this, { method: 'GET', path: '/v3/patients', qs });
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
	searchPractitioners: searcher('/v1/practitioners'),
	searchAppointmentTypes: searcher('/v1/appointment_types'),
	searchTemplates: searcher('/v1/templates'),
	searchForms: searcher('/v1/forms', formLabel),
	searchAdmins: searcher('/v1/admins', labelOf, { page_size: 100 }),
	searchWebhooks: searcher('/v1/webhooks', webhookLabel),
	searchBatchMessages: searcher('/v1/batch_message', labelOf, { page_size: 100 }),
	searchPatients,
};

export const loadOptions = {
	getLocations: loader('/v1/locations'),
	getPractitioners: loader('/v1/practitioners'),
	getAppointmentTypes: loader('/v1/appointment_types'),
	getTemplates: loader('/v1/templates'),
	getForms: loader('/v1/forms', formLabel),
	getAdmins: loader('/v1/admins', labelOf, { page_size: 100 }),
};
