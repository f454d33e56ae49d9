import { HeroHealthApi } from '../../credentials/HeroHealthApi.credentials';
import { testCredential as testCredentialWith } from '../harness/engine';
import { useFakeHero } from '../harness/fakeHero';

const fake = useFakeHero();
const credential = new HeroHealthApi();

const testCredential = (overrides: Record<string, string> = {}) =>
	testCredentialWith(fake, overrides);

describe('Hero Health API credential', () => {
	it('passes its test against Hero with a good key, calling GET /v1/me with both headers', async () => {
		const run = await testCredential();
		expect(run.error).toBeUndefined();
		expect(run.jsonOf('Credential Test')).toEqual([
			expect.objectContaining({ id: fake.practiceGroupId }),
		]);
		const [request] = fake.requestsFor('getPracticeGroupById');
		expect(request.headers['x-api-key']).toBe(fake.apiKey);
		expect(request.headers['x-practice-group-id']).toBe(fake.practiceGroupId);
	});

	it('fails its test with a wrong key, and the key is not in the error', async () => {
		const wrongKey = `${fake.apiKey}-revoked`;
		const run = await testCredential({ apiKey: wrongKey });
		expect(run.error).toBeDefined();
		expect(run.error?.httpCode).toBe('401');
		expect(JSON.stringify(run.error)).not.toContain(wrongKey);
		expect(run.error?.message).not.toContain(wrongKey);
	});

	it('fails its test when the practice group is not the key’s (nor in its network)', async () => {
		const run = await testCredential({ practiceGroupId: '999' });
		expect(run.error?.httpCode).toBe('403');
	});

	it('tolerates a trailing slash on a custom base URL', async () => {
		const run = await testCredential({ baseUrl: `${fake.url}/` });
		expect(run.error).toBeUndefined();
		expect(fake.requestsFor('getPracticeGroupById')[0].path).toBe('/v1/me');
	});

	it('authenticate sends both headers and keeps a practice group the request already set', async () => {
		const plain = await credential.authenticate(
			{ apiKey: 'k', practiceGroupId: '1' },
			{ url: '/v1/me' },
		);
		expect(plain.headers).toEqual({ 'x-api-key': 'k', 'x-practice-group-id': '1' });
		const crossOrg = await credential.authenticate(
			{ apiKey: 'k', practiceGroupId: '1' },
			{ url: '/v1/me', headers: { 'x-practice-group-id': '2' } },
		);
		expect(crossOrg.headers).toEqual({ 'x-api-key': 'k', 'x-practice-group-id': '2' });
	});

	it('offers the four environments with Hero’s documented URLs', () => {
		const environment = credential.properties.find((p) => p.name === 'environment');
		expect(environment?.options?.map((o) => 'value' in o && o.value)).toEqual([
			'production',
			'staging',
			'mock',
			'custom',
		]);
		expect(credential.properties.find((p) => p.name === 'apiKey')?.typeOptions?.password).toBe(
			true,
		);
		const baseUrl = String(credential.test.request.baseURL);
		for (const url of [
			'https://api.herohealth.net',
			'https://api.staging.htech.app',
			'https://developer.herohealth.net/_mock/apis/public-api/openapi',
		]) {
			expect(baseUrl).toContain(url);
		}
	});
});
