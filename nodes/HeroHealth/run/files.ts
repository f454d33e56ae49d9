import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { HeroFile } from '../../shared/transport';
import type { BuiltRequest, RunContext } from './context';
import { fileTypeProblem, safeFileName } from '../fields/fileRules';
import { fieldError } from './errors';

// Files in and out: n8n's binary data, in whatever mode n8n stores it (memory or filesystem).

/** Hero's limit on an uploaded file: File Data takes 20,000,000 base64 characters. */
export const MAX_UPLOAD_BYTES = 15_000_000;

const bytes = (count: number) => count.toLocaleString('en-GB');

/**
 * Reads the file an Input Binary Field names: base64 into the body key the field names, or the
 * whole body.
 */
export async function withFile(
	run: RunContext,
	request: BuiltRequest,
	itemIndex: number,
): Promise<BuiltRequest> {
	const { binary } = request;
	if (!binary) return request;
	const { context, node } = run;
	const refuse = (message: string) => fieldError(node, binary.displayName, itemIndex, message);
	const held = context.getInputData()[itemIndex]?.binary ?? {};
	const meta = held[binary.property];
	if (!meta) {
		const names = Object.keys(held);
		throw refuse(
			`the input item has no binary field "${binary.property}"; ${names.length ? `it has ${names.map((n) => `"${n}"`).join(', ')}` : 'it has no binary data (read a file first, e.g. with Read/Write Files from Disk or an email trigger)'}`,
		);
	}
	const data = await context.helpers.getBinaryDataBuffer(itemIndex, binary.property);
	if (data.length === 0) throw refuse(`the file in "${binary.property}" is empty`);
	const mimeType = meta.mimeType || 'application/octet-stream';
	const fileName =
		safeFileName(meta.fileName ?? '') ??
		(meta.fileExtension ? `attachment.${safeFileName(meta.fileExtension) ?? 'bin'}` : undefined);
	const file = { file_name: fileName, mime_type: mimeType, file_size: data.length };
	if (binary.apiKey && data.length > MAX_UPLOAD_BYTES) {
		throw refuse(
			`the file in "${binary.property}" is ${bytes(data.length)} bytes; Hero takes up to ${bytes(MAX_UPLOAD_BYTES)}`,
		);
	}
	// A PDF or an image must be one: an executable named letter.pdf is not sent.
	const mismatch = fileTypeProblem(data, meta.mimeType, fileName);
	if (mismatch) throw refuse(`the file in "${binary.property}" ${mismatch}`);
	if (!binary.apiKey) return { ...request, file: { data, mimeType }, fileInfo: file };
	const body: IDataObject = { ...(request.body ?? {}), [binary.apiKey]: data.toString('base64') };
	if (binary.fileNameKey && body[binary.fileNameKey] === undefined && fileName)
		body[binary.fileNameKey] = fileName;
	return { ...request, body, fileInfo: file };
}

/** A file Hero answered with, as n8n binary data in the Output Binary Field. */
export async function fileItem(
	run: RunContext,
	file: HeroFile,
	field = 'data',
): Promise<INodeExecutionData> {
	return {
		json: {
			file_name: file.fileName ?? null,
			mime_type: file.mimeType,
			file_size: file.data.length,
		},
		binary: {
			[field]: await run.context.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType),
		},
	};
}
