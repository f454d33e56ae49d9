import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export const HERO_ENVIRONMENTS = {
	production: 'https://api.herohealth.net',
	staging: 'https://api.staging.htech.app',
	mock: 'https://developer.herohealth.net/_mock/apis/public-api/openapi',
} as const;

/**
 * The one reading of a custom Base URL, for the node and the credential test alike: http(s),
 * a host, no user name or password, no query or fragment, no trailing slash. Messages never
 * repeat the address, which may hold a password.
 */
export function normaliseBaseUrl(raw: unknown): string {
	const text = typeof raw === 'string' ? raw.trim() : '';
	const problem = (what: string) => new Error(`The Base URL in the Hero Health credential ${what}`);
	if (!text)
		throw problem('is empty: enter the address of the Hero API, e.g. https://api.herohealth.net');
	if (/\s/.test(text)) throw problem('contains spaces');
	if (/[?#]/.test(text)) {
		throw problem(
			'must not contain a query (?) or fragment (#): enter only the address, e.g. https://api.herohealth.net',
		);
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		throw problem(
			'is not a web address: it must start with https:// (or http:// for a local server)',
		);
	}
	if (url.protocol !== 'https:' && url.protocol !== 'http:') {
		throw problem('must start with https:// (or http:// for a local server)');
	}
	if (url.username || url.password) {
		throw problem(
			'must not contain a user name or password (user:password@): the API key is what authenticates',
		);
	}
	if (!url.hostname) throw problem('has no host name');
	return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The API address a credential points at. */
export function baseUrlOf(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment ?? 'production');
	if (environment === 'custom') return normaliseBaseUrl(credentials.baseUrl);
	const url = HERO_ENVIRONMENTS[environment as keyof typeof HERO_ENVIRONMENTS];
	if (!url)
		throw new Error(
			'The Environment in the Hero Health credential is not one this node knows: pick it again',
		);
	return url;
}

export class HeroHealthApi implements ICredentialType {
	name = 'heroHealthApi';

	displayName = 'Hero Health API';

	documentationUrl = 'https://developer.herohealth.net/pages/api/authentication';

	icon: Icon = { light: 'file:herohealth.svg', dark: 'file:herohealth.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'Partner API key from Hero Health. Keys are tied to one practice group and carry scopes (messaging, booking, booking links).',
		},
		{
			displayName: 'Practice Group ID',
			name: 'practiceGroupId',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. 12345',
			description: 'The practice group the key acts for. Hero gives one ID per practice.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'production',
			options: [
				{ name: 'Production', value: 'production', description: HERO_ENVIRONMENTS.production },
				{ name: 'Staging', value: 'staging', description: HERO_ENVIRONMENTS.staging },
				{ name: 'Hero Mock Server', value: 'mock', description: HERO_ENVIRONMENTS.mock },
				{ name: 'Custom', value: 'custom', description: 'Any other base URL, e.g. a local mock' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. http://127.0.0.1:4010',
			description: 'Base URL of the Hero Health API, without a trailing slash',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			// n8n reports a request that never reached a server by its network code alone.
			displayName:
				'If the test fails with a code such as ECONNREFUSED, ENOTFOUND or ETIMEDOUT, n8n could not reach the API at all: check the Environment, the host and port of a custom Base URL, and that this n8n may reach it (proxy, firewall, VPN)',
			name: 'connectionNotice',
			type: 'notice',
			default: '',
		},
	];

	// A function rather than a generic block so that a Practice Group ID the node sets for a
	// cross-organisational call is kept: generic headers always overwrite the request's own.
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const headers = { ...(requestOptions.headers ?? {}) };
		const hasOverride = Object.keys(headers).some(
			(name) => name.toLowerCase() === 'x-practice-group-id' && headers[name],
		);
		if (!hasOverride) headers['x-practice-group-id'] = String(credentials.practiceGroupId ?? '');
		headers['x-api-key'] = String(credentials.apiKey ?? '');
		const authenticated: IHttpRequestOptions = { ...requestOptions, headers };
		// The credential test sets a baseURL: read it the same way the node does, and never let
		// a redirect carry the key elsewhere.
		if (requestOptions.baseURL !== undefined) {
			authenticated.baseURL = baseUrlOf(credentials);
			authenticated.disableFollowRedirect = true;
		}
		return authenticated;
	};

	test: ICredentialTestRequest = {
		request: {
			// authenticate replaces this with the checked Base URL; the expression is a fallback.
			baseURL: `={{ $credentials.environment === "custom" ? String($credentials.baseUrl ?? "").trim() : ${JSON.stringify(HERO_ENVIRONMENTS)}[$credentials.environment] }}`,
			url: '/v1/me',
			method: 'GET',
		},
		// n8n's own words would be "Unauthorized" / "Forbidden" / "Not Found": say which field to check.
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Hero refused the API Key: check it was copied whole, is for this Environment (production and staging keys differ) and has not been revoked',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'Hero accepted the API Key but not for this Practice Group ID: check the ID is the practice group the key was issued for',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						"The Base URL answered, but has no Hero API at /v1/me: check the Environment, and that a custom Base URL is the API's root (e.g. https://api.herohealth.net, without /v1)",
				},
			},
		],
	};
}
