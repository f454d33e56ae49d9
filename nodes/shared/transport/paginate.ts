import { createHash } from 'crypto';
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { HeroContext, HeroRequest, RequestSettings } from './request';
import { itemPrefix } from './errors';
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

/** The total Hero reports as `count` or `total`, if any (null or "" is no count, not zero). */
function countOf(body: unknown): number | undefined {
	for (const key of ['count', 'total']) {
		const count = (body as IDataObject | undefined)?.[key];
		if (typeof count === 'number' && Number.isInteger(count) && count >= 0) return count;
		if (typeof count === 'string' && /^\d+$/.test(count)) return Number(count);
	}
	return undefined;
}

function listError(
	context: HeroContext,
	settings: RequestSettings,
	message: string,
	description: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `${itemPrefix(settings.itemIndex)}${message}`, {
		itemIndex: settings.itemIndex,
		description,
	});
}

const PARTIAL =
	'Nothing was output for this item: part of a list would look like all of it. Run it again; if Hero keeps doing this, turn off Return All and set a Limit, or narrow the list with Filters.';

/**
 * A list Hero sends in one answer, checked against the count it reports: fewer records than it
 * says (and than the limit asks for) fail rather than pass as the whole list.
 */
export function wholeList(
	context: HeroContext,
	settings: RequestSettings,
	request: HeroRequest,
	body: unknown,
	records: IDataObject[],
	limit?: number,
): IDataObject[] {
	const total = countOf(body);
	if (total !== undefined && records.length < Math.min(total, limit ?? Infinity)) {
		throw listError(
			context,
			settings,
			`Hero's list ended early: it reported ${total} records but sent ${records.length}`,
			`${request.method} ${request.path} answered with fewer records than it counted. ${PARTIAL}`,
		);
	}
	return records;
}

/**
 * Walks page_index/page_size pages until the limit, the reported count, or (with no count) a
 * short page. A list that cannot be read whole fails rather than pass as complete: pages that end
 * before the count Hero reported, a page repeating any earlier one (a server ignoring page_index
 * or alternating), or more than `maxPages`. The page size stays fixed so that page_index keeps
 * meaning the same offset; a server that caps it lower is followed while its count says more.
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
	const pagesSeen = new Map<string, number>();
	let total: number | undefined;
	for (let pageIndex = 0; ; pageIndex++) {
		if (pageIndex >= maxPages) {
			throw listError(
				this,
				settings,
				`Hero kept sending pages: stopped after ${maxPages} pages of ${pageSize}`,
				`${request.method} ${request.path} still had full pages after ${(maxPages * pageSize).toLocaleString('en-GB')} records. Turn off Return All and set a Limit, or narrow the list with Filters.`,
			);
		}
		const body = await heroRequest.call(
			this,
			{ ...request, qs: { ...request.qs, page_index: pageIndex, page_size: pageSize } },
			settings,
		);
		const page = recordsOf(body, options.dataKey);
		total = countOf(body) ?? total;
		if (page.length) {
			const fingerprint = createHash('sha256').update(JSON.stringify(page)).digest('hex');
			const earlier = pagesSeen.get(fingerprint);
			if (earlier !== undefined) {
				throw listError(
					this,
					settings,
					`Hero sent the same page twice: page ${pageIndex + 1} repeats page ${earlier + 1}`,
					`${request.method} ${request.path} does not page as asked (page_index), so its list cannot be read whole. ${PARTIAL}`,
				);
			}
			pagesSeen.set(fingerprint, pageIndex);
		}
		records.push(...page);
		if (options.limit !== undefined && records.length >= options.limit) {
			return records.slice(0, options.limit);
		}
		if (total !== undefined && records.length >= total) break;
		// With a count, only an empty page ends the list early; without one, a short page does.
		if (page.length === 0 || (total === undefined && page.length < pageSize)) {
			// A count says more exist (up to the limit): a partial list, not the end of it.
			if (total !== undefined && records.length < Math.min(total, options.limit ?? Infinity)) {
				throw listError(
					this,
					settings,
					`Hero's list ended early: it reported ${total} records but sent ${records.length}`,
					`${request.method} ${request.path} stopped sending records after page ${pageIndex + 1}. ${PARTIAL}`,
				);
			}
			break;
		}
	}
	return records;
}
