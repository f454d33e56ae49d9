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

export class HeroHealthApi implements ICredentialType {
	name = 'heroHealthApi';

	displayName = 'Hero Health API';

	documentationUrl = 'https://developer.herohealth.net/pages/api/authentication';

	icon: Icon = { light: 'file:../icons/herohealth.svg', dark: 'file:../icons/herohealth.dark.svg' };

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
		return { ...requestOptions, headers };
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: `={{ $credentials.environment === "custom" ? $credentials.baseUrl.replace(/\\/+$/, "") : ${JSON.stringify(HERO_ENVIRONMENTS)}[$credentials.environment] }}`,
			url: '/v1/me',
			method: 'GET',
		},
	};
}
