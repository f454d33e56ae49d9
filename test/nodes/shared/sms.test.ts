import fc from 'fast-check';

import { smsCost, tooManyFragments } from '../../../nodes/shared/sms';

// An independent encoder: it builds the bytes an SMS centre would send (GSM 03.38 septet codes,
// or UTF-16BE) and cuts them into PDUs as 3GPP TS 23.040 does, never splitting an escape
// sequence or a surrogate pair. The node counts; this encodes. They must agree.

/** GSM 03.38 default alphabet, by septet code 0x00-0x7F (0x1B is the escape). */
const GSM_TABLE =
	'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
	'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** The extension table: character -> septet code after the escape. */
const GSM_EXTENSION: Record<string, number> = {
	'\f': 0x0a,
	'^': 0x14,
	'{': 0x28,
	'}': 0x29,
	'\\': 0x2f,
	'[': 0x3c,
	'~': 0x3d,
	']': 0x3e,
	'|': 0x40,
	'€': 0x65,
};

/** Septet sequences, one per character (two for an extension character), or undefined. */
function gsmEncode(text: string): number[][] | undefined {
	const out: number[][] = [];
	for (const character of Array.from(text)) {
		const code = GSM_TABLE.indexOf(character);
		if (code >= 0 && code !== 0x1b) out.push([code]);
		else if (character in GSM_EXTENSION) out.push([0x1b, GSM_EXTENSION[character]]);
		else return undefined;
	}
	return out;
}

/** UTF-16BE code units as byte pairs, one group per character (two pairs for a surrogate pair). */
function ucs2Encode(text: string): number[][] {
	return Array.from(text).map((character) => {
		const bytes: number[] = [];
		for (let i = 0; i < character.length; i++) {
			const unit = character.charCodeAt(i);
			bytes.push(unit >> 8, unit & 0xff);
		}
		return bytes;
	});
}

/** PDUs of at most `capacity` units each; a group never straddles two. */
function pdus(groups: number[][], capacity: number): number[][] {
	const out: number[][] = [[]];
	for (const group of groups) {
		if (out[out.length - 1].length + group.length > capacity) out.push([]);
		out[out.length - 1].push(...group);
	}
	return out;
}

/** 140 octets of user data: 160 septets, or 70 UCS-2 units; a 6-octet header leaves 153 / 67. */
function referenceFragments(text: string): { encoding: string; fragments: number } {
	const gsm = gsmEncode(text);
	if (gsm) {
		const septets = gsm.flat().length;
		if (septets <= Math.floor((140 * 8) / 7)) return { encoding: 'GSM-7', fragments: 1 };
		return { encoding: 'GSM-7', fragments: pdus(gsm, Math.floor(((140 - 6) * 8) / 7)).length };
	}
	const bytes = ucs2Encode(text);
	if (bytes.flat().length <= 140) return { encoding: 'UCS-2', fragments: 1 };
	return { encoding: 'UCS-2', fragments: pdus(bytes, 140 - 6).length };
}

const repeat = (text: string, times: number) => text.repeat(times);

describe('SMS fragments', () => {
	it.each([
		['160 GSM-7 characters are one SMS', repeat('a', 160), 'GSM-7', 1],
		['161 are two fragments', repeat('a', 161), 'GSM-7', 2],
		['306 (2 x 153) are two', repeat('a', 306), 'GSM-7', 2],
		['307 are three', repeat('a', 307), 'GSM-7', 3],
		['70 UCS-2 characters are one SMS', '’' + repeat('a', 69), 'UCS-2', 1],
		['71 are two fragments', '’' + repeat('a', 70), 'UCS-2', 2],
		['134 (2 x 67) are two', '’' + repeat('a', 133), 'UCS-2', 2],
		['135 are three', '’' + repeat('a', 134), 'UCS-2', 3],
		['an extension character counts two: 80 euros fill one SMS', repeat('€', 80), 'GSM-7', 1],
		['81 euros take 162 septets: two', repeat('€', 81), 'GSM-7', 2],
		// 152 septets then a two-septet character: it does not fit the first fragment's 153, so
		// it starts the second rather than being split.
		[
			'an extension character at a fragment boundary moves whole',
			repeat('a', 152) + '[' + repeat('a', 153),
			'GSM-7',
			3,
		],
		['one short of the boundary it stays', repeat('a', 151) + '[' + repeat('a', 153), 'GSM-7', 2],
		[
			'an emoji is two UCS-2 units and is not split',
			repeat('a', 66) + '😀' + repeat('a', 66),
			'UCS-2',
			3,
		],
		['an empty message is one SMS', '', 'GSM-7', 1],
	])('%s', (_name, text, encoding, fragments) => {
		const cost = smsCost(text);
		expect({ encoding: cost.encoding, fragments: cost.fragments }).toEqual({ encoding, fragments });
		expect(referenceFragments(text)).toEqual({ encoding, fragments });
	});

	it('names the characters that force UCS-2, each once', () => {
		const cost = smsCost('Your results are ready – don’t reply… ’');
		expect(cost.encoding).toBe('UCS-2');
		expect(cost.ucs2Characters).toEqual(['–', '’', '…']);
		const problem = tooManyFragments(smsCost(repeat('a', 100) + '’' + repeat('b', 100)), 2);
		expect(problem).toContain('3 SMS fragments, more than Max SMS Fragments (2)');
		expect(problem).toContain('"’" (U+2019)');
		expect(tooManyFragments(smsCost(repeat('a', 306)), 2)).toBeUndefined();
	});

	it('agrees with an independent encoder on any text', () => {
		const gsmCharacter = fc.constantFrom(
			...Array.from(GSM_TABLE.replace('\u001b', '')),
			...Object.keys(GSM_EXTENSION),
		);
		const anyCharacter = fc.oneof(
			{ weight: 8, arbitrary: gsmCharacter },
			{ weight: 1, arbitrary: fc.constantFrom('’', '“', 'é', 'Ā', '😀', '👍🏽', '中') },
		);
		fc.assert(
			fc.property(fc.array(anyCharacter, { maxLength: 700 }), (characters) => {
				const text = characters.join('');
				const cost = smsCost(text);
				expect({ encoding: cost.encoding, fragments: cost.fragments }).toEqual(
					referenceFragments(text),
				);
			}),
			{ numRuns: 3000 },
		);
	});
});
