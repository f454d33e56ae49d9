import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HeroContext, HeroRequest, RequestSettings } from './request';
import { heroRequest } from './request';

/** Hero's largest page size that every list accepts. */
export const PAGE_SIZE = 100;

/** A guard against a list that never ends: a million records at 100 a page. */
const MAX_PAGES = 10_000;

/** The records in a list answer: `{ data: [...] }`, or the array itself. */
export function recordsOf(body: unknown, dataKey = 'data'): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const data = (body as IDataObject | undefined)?.[dataKey];
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/** The total Hero reports, when it reports one (null or "" is no count, not zero). */
function countOf(body: unknown): number | undefined {
	const count = (body as IDataObject | undefined)?.count;
	if (typeof count === 'number' && Number.isFinite(count)) return count;
	if (typeof count === 'string' && /^\d+$/.test(count)) return Number(count);
	return undefined;
}

/**
 * Walks page_index/page_size pages until the limit, the reported count, a short page or a page
 * that repeats the one before (a server ignoring page_index); past `maxPages` it fails rather
 * than run on. The page size stays fixed so that page_index keeps meaning the same offset.
 */
export async function heroRequestPages(
	this: HeroContext,
	request: HeroRequest,
	settings: RequestSettings,
	options: { limit?: number; dataKey?: string; pageSize?: number; maxPages?: number },
): Promise<IDataObject[]> {
	const pageSize = Math.min(options.pageSize ?? PAGE_SIZE, options.limit ?? Infinity);
	const maxPages = options.maxPages ?? MAX_PAGES;
	const records: IDataObject[] = [];
	let previous: string | undefined;
	for (let pageIndex = 0; ; pageIndex++) {
		if (pageIndex >= maxPages) {
			throw new NodeOperationError(
				this.getNode(),
				`${settings.itemIndex === undefined ? '' : `[item ${settings.itemIndex}] `}Hero kept sending pages: stopped after ${maxPages} pages of ${pageSize}`,
				{
					itemIndex: settings.itemIndex,
					description: `${request.method} ${request.path} still had full pages after ${(maxPages * pageSize).toLocaleString('en-GB')} records. Turn off Return All and set a Limit, or narrow the list with Filters.`,
				},
			);
		}
		const body = await heroRequest.call(
			this,
			{ ...request, qs: { ...request.qs, page_index: pageIndex, page_size: pageSize } },
			settings,
		);
		const page = recordsOf(body, options.dataKey);
		const seen = JSON.stringify(page);
		// The same records again: page_index was ignored, and every further page would repeat.
		if (page.length && seen === previous) break;
		previous = seen;
		records.push(...page);
		const total = countOf(body);
		if (options.limit !== undefined && records.length >= options.limit) {
			return records.slice(0, options.limit);
		}
		if (page.length < pageSize || (total !== undefined && records.length >= total)) break;
	}
	return records;
}
