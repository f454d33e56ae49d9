// What an SMS costs before it is sent: characters, encoding and fragments as the GSM standard
// counts them (3GPP TS 23.038 / 23.040). Operators charge per fragment, failed texts included.

/** GSM 03.38 basic alphabet: one septet each. */
const GSM_BASIC = new Set(
	Array.from(
		'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
			'¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
	),
);

/** GSM 03.38 extension table: an escape and the character, two septets, never split. */
const GSM_EXTENSION = new Set(Array.from('\f^{}\\[~]|€'));

/** Max SMS Fragments: its default in the node versions that offer it, and its ceiling. */
export const DEFAULT_MAX_SMS_FRAGMENTS = 3;
export const MAX_SMS_FRAGMENTS = 20;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsCost {
	/** Characters as a person counts them (an emoji is one). */
	characters: number;
	encoding: SmsEncoding;
	/** The characters that force UCS-2, each once, in the order they first appear. */
	ucs2Characters: string[];
	/** Fragments one message takes: what the operator charges per recipient. */
	fragments: number;
}

/** One message up to this; once split, each fragment holds the second (a header takes the rest). */
export const FRAGMENT_LIMITS: Record<SmsEncoding, { single: number; split: number }> = {
	'GSM-7': { single: 160, split: 153 },
	'UCS-2': { single: 70, split: 67 },
};

/** Fragments for units that may not be split (an extension character, a surrogate pair). */
function fragmentsOf(sizes: number[], encoding: SmsEncoding): number {
	const { single, split } = FRAGMENT_LIMITS[encoding];
	const total = sizes.reduce((sum, size) => sum + size, 0);
	if (total <= single) return 1;
	let fragments = 1;
	let used = 0;
	for (const size of sizes) {
		if (used + size > split) {
			fragments++;
			used = 0;
		}
		used += size;
	}
	return fragments;
}

export function smsCost(text: string): SmsCost {
	const characters = Array.from(text);
	const ucs2Characters = [
		...new Set(characters.filter((c) => !GSM_BASIC.has(c) && !GSM_EXTENSION.has(c))),
	];
	const encoding: SmsEncoding = ucs2Characters.length ? 'UCS-2' : 'GSM-7';
	// GSM-7 counts septets (extension characters two); UCS-2 counts UTF-16 units (emoji two).
	const sizes =
		encoding === 'GSM-7'
			? characters.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1))
			: characters.map((c) => c.length);
	return {
		characters: characters.length,
		encoding,
		ucs2Characters,
		fragments: fragmentsOf(sizes, encoding),
	};
}

/** A character named so a person can find it: `"’" (U+2019)`. */
export function describeCharacter(character: string): string {
	const code = character.codePointAt(0) ?? 0;
	return `"${character}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

/** Why the message is longer than `max` fragments, and what to change; undefined when it fits. */
export function tooManyFragments(cost: SmsCost, max: number): string | undefined {
	if (cost.fragments <= max) return undefined;
	const { single, split } = FRAGMENT_LIMITS[cost.encoding];
	const forcing = cost.ucs2Characters.slice(0, 5).map(describeCharacter).join(', ');
	const why =
		cost.encoding === 'UCS-2'
			? `; it is sent as UCS-2 (${single} characters in one SMS, ${split} per fragment) because of ${forcing}${cost.ucs2Characters.length > 5 ? ' and others' : ''}: replace them to fit ${FRAGMENT_LIMITS['GSM-7'].single}`
			: '';
	return `${cost.characters} characters take ${cost.fragments} SMS fragments, more than Max SMS Fragments (${max})${why}`;
}
