import type { IDataObject } from 'n8n-workflow';

import type { HeroContext, HeroRequest, RequestSettings } from './request';
import { heroRequest } from './request';

/** Hero's largest page size that every list accepts. */
export const PAGE_SIZE = 100;

/** A safety stop for a server that ignores page_index. */
const MAX_PAGES = 10_000;

/** The records in a list answer: `{ data: [...] }`, or the array itself. */
export function recordsOf(body: unknown, dataKey = 'data'): IDataObject[] {
	if (Array.isArray(body)) return body as IDataObject[];
	const data = (body as IDataObject | undefined)?.[dataKey];
	return Array.isArray(data) ? (data as IDataObject[]) : [];
}

/**
 * Walks page_index/page_size pages until the limit, the reported count or a short page.
 * The page size stays fixed so that page_index keeps meaning the same offset.
 */
export async function heroRequestPages(
	this: HeroContext,
	request: HeroRequest,
	settings: RequestSettings,
	options: { limit?: number; dataKey?: string; pageSize?: number },
): Promise<IDataObject[]> {
	const pageSize = Math.min(options.pageSize ?? PAGE_SIZE, options.limit ?? Infinity);
	const records: IDataObject[] = [];
	for (let pageIndex = 0; pageIndex < MAX_PAGES; pageIndex++) {
		const body = await heroRequest.call(
			this,
			{ ...request, qs: { ...request.qs, page_index: pageIndex, page_size: pageSize } },
			settings,
		);
		const page = recordsOf(body, options.dataKey);
		records.push(...page);
		const count = Number((body as IDataObject | undefined)?.count);
		if (options.limit !== undefined && records.length >= options.limit) {
			return records.slice(0, options.limit);
		}
		if (page.length < pageSize || (Number.isFinite(count) && records.length >= count)) break;
	}
	return records;
}
