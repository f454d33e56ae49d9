import { normaliseText } from '../../shared/normalise';
import { FieldValueError } from '../../shared/types';
import type { HeroField } from '../model';
import type { FieldOptions } from './field';
import { textField } from './values';

// What a file sent to Hero must be: a safe name, and content that is what its type says.

/** A file name as Hero may show it: its base name, no path, no control characters. */
export function safeFileName(name: string): string | undefined {
	const base = name.split(/[\\/]/).pop() ?? '';
	// eslint-disable-next-line no-control-regex
	const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
	return clean && !/^\.+$/.test(clean) ? clean : undefined;
}

interface Kind {
	label: string;
	types: string[];
	extensions: string[];
	/** Whether the content starts as this kind of file does. */
	matches: (data: Buffer) => boolean;
}

const startsWith = (data: Buffer, ...bytes: number[]) => bytes.every((b, i) => data[i] === b);
const ascii = (data: Buffer, text: string, at = 0) =>
	data.subarray(at, at + text.length).toString('latin1') === text;

const KINDS: Kind[] = [
	{
		label: 'a PDF',
		types: ['application/pdf'],
		extensions: ['pdf'],
		matches: (d) => ascii(d, '%PDF-'),
	},
	{
		label: 'a PNG image',
		types: ['image/png'],
		extensions: ['png'],
		matches: (d) => startsWith(d, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
	},
	{
		label: 'a JPEG image',
		types: ['image/jpeg', 'image/jpg', 'image/pjpeg'],
		extensions: ['jpg', 'jpeg'],
		matches: (d) => startsWith(d, 0xff, 0xd8, 0xff),
	},
	{
		label: 'a GIF image',
		types: ['image/gif'],
		extensions: ['gif'],
		matches: (d) => ascii(d, 'GIF87a') || ascii(d, 'GIF89a'),
	},
	{
		label: 'a WebP image',
		types: ['image/webp'],
		extensions: ['webp'],
		matches: (d) => ascii(d, 'RIFF') && ascii(d, 'WEBP', 8),
	},
	{
		label: 'a TIFF image',
		types: ['image/tiff'],
		extensions: ['tif', 'tiff'],
		matches: (d) => startsWith(d, 0x49, 0x49, 0x2a, 0x00) || startsWith(d, 0x4d, 0x4d, 0x00, 0x2a),
	},
	{
		label: 'a BMP image',
		types: ['image/bmp'],
		extensions: ['bmp'],
		matches: (d) => ascii(d, 'BM'),
	},
	{
		label: 'a HEIC image',
		types: ['image/heic', 'image/heif'],
		extensions: ['heic', 'heif'],
		matches: (d) => ascii(d, 'ftyp', 4),
	},
];

/** What the content starts like, where that tells a reader something. */
function looksLike(data: Buffer): string | undefined {
	if (ascii(data, 'MZ')) return 'a Windows program';
	if (startsWith(data, 0x7f, 0x45, 0x4c, 0x46)) return 'a Linux program';
	if (ascii(data, '#!')) return 'a script';
	if (startsWith(data, 0x50, 0x4b, 0x03, 0x04)) return 'a ZIP archive';
	const kind = KINDS.find((k) => k.matches(data));
	return kind?.label;
}

/**
 * Why a file's content does not fit the type it is declared as (its MIME type, or its name's
 * extension), for PDFs and images; undefined when it fits or is of another type. An image type
 * the node cannot check is refused rather than trusted.
 */
export function fileTypeProblem(
	data: Buffer,
	mimeType: string | undefined,
	fileName: string | undefined,
): string | undefined {
	const type = (mimeType ?? '').toLowerCase().split(';')[0].trim();
	const extension = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase() ?? '';
	const declared =
		KINDS.find((kind) => kind.types.includes(type)) ??
		KINDS.find((kind) => kind.extensions.includes(extension));
	if (!declared) {
		if (type.startsWith('image/'))
			return `is declared as ${type}, an image type whose content cannot be checked; send it as PNG, JPEG, GIF, WebP, TIFF, BMP, HEIC or PDF`;
		return undefined;
	}
	if (declared.matches(data)) return undefined;
	const seen = looksLike(data);
	const as = type && declared.types.includes(type) ? type : `.${extension}`;
	return `is declared as ${declared.label} (${as}) but its content is not${seen ? `: it starts as ${seen} does` : ''}`;
}

/** A file's name typed or mapped by the user: reduced to a safe base name, as a file's own is. */
export function fileNameField(options: FieldOptions): HeroField {
	const text = normaliseText(255);
	return {
		...textField({ maxLength: 255, placeholder: 'e.g. letter.pdf', ...options }),
		normalise: (value) => {
			const name = text(value);
			if (name === undefined) return undefined;
			const safe = safeFileName(name);
			if (!safe)
				throw new FieldValueError('is not a file name (a path or control characters only)');
			return safe;
		},
	};
}
