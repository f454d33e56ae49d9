// The rules a file meets before it is sent to Hero: its name, and content that fits its type.
import { fileTypeProblem, safeFileName } from '../../../../nodes/HeroHealth/fields/fileRules';

const bytes = (...values: number[]) => Buffer.concat([Buffer.from(values), Buffer.alloc(32)]);
const text = (value: string) => Buffer.concat([Buffer.from(value, 'latin1'), Buffer.alloc(32)]);

describe('file rules', () => {
	it.each([
		['letter.pdf', 'letter.pdf'],
		['C:\\Users\\me\\scan 01.pdf', 'scan 01.pdf'],
		['../../etc/passwd', 'passwd'],
		['..\\..\\evil\r\n.pdf', 'evil.pdf'],
		['report\u0000.pdf', 'report.pdf'],
		['  spaced.pdf  ', 'spaced.pdf'],
		['..', undefined],
		['dir/', undefined],
		['\r\n', undefined],
	])('safeFileName(%j) is %j', (name, safe) => {
		expect(safeFileName(name)).toBe(safe);
	});

	it.each([
		['application/pdf', 'a.pdf', text('%PDF-1.7')],
		['image/png', 'a.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
		['image/jpeg', 'a.jpg', bytes(0xff, 0xd8, 0xff, 0xe0)],
		['image/gif', 'a.gif', text('GIF89a')],
		['image/webp', 'a.webp', text('RIFF\u0000\u0000\u0000\u0000WEBP')],
		['image/tiff', 'a.tif', bytes(0x49, 0x49, 0x2a, 0x00)],
		['image/bmp', 'a.bmp', text('BM')],
		['image/heic', 'a.heic', text('\u0000\u0000\u0000\u0018ftypheic')],
	])('%s content fits its type', (type, name, data) => {
		expect(fileTypeProblem(data, type, name)).toBeUndefined();
		expect(fileTypeProblem(data, undefined, name)).toBeUndefined();
	});

	it.each([
		['application/pdf', 'a.pdf', text('MZ'), 'it starts as a Windows program does'],
		['image/png', 'a.png', text('%PDF-1.4'), 'it starts as a PDF does'],
		['image/jpeg', 'a.jpg', text('#!/bin/sh'), 'it starts as a script does'],
		[undefined, 'invoice.pdf', bytes(0x50, 0x4b, 0x03, 0x04), 'it starts as a ZIP archive does'],
		[
			'application/pdf',
			'a.pdf',
			text('plain words'),
			'is declared as a PDF (application/pdf) but its content is not',
		],
	])('%s named %s with other content is refused: %s', (type, name, data, why) => {
		expect(fileTypeProblem(data, type, name)).toContain(why);
	});

	it('an image type that cannot be checked is refused; other types are not checked', () => {
		expect(fileTypeProblem(text('<svg/>'), 'image/svg+xml', 'a.svg')).toContain(
			'an image type whose content cannot be checked',
		);
		expect(fileTypeProblem(text('a,b,c'), 'text/csv', 'a.csv')).toBeUndefined();
		expect(fileTypeProblem(text('anything'), 'application/octet-stream', 'a.bin')).toBeUndefined();
	});
});
