import { createHmac } from 'crypto';

import { byId, logLines, observed, runHero } from '../harness/engine';
import { useFakeHero } from '../harness/fakeHero';
import { engineLogLines } from '../harness/logs';
import { findSecrets, secretsOf } from '../harness/secrets';
import { triggerWorkflow } from '../harness/trigger';
import { HeroHealth } from '../../nodes/HeroHealth/HeroHealth.node';
import { HeroHealthTrigger } from '../../nodes/HeroHealthTrigger/HeroHealthTrigger.node';

const fake = useFakeHero();

describe('secret hygiene', () => {
	it('errors, outputs and logs of failing and succeeding runs hold neither the API key nor signing keys', async () => {
		fake.inject({ operationId: 'getPatientById', status: 401 });
		await runHero({ resource: 'patient', operation: 'get', patientId: byId('20001') }, { fake });
		await runHero(
			{ resource: 'patient', operation: 'get', patientId: byId('1') },
			{ fake, continueOnFail: true },
		);
		fake.inject({ operationId: 'sendMessage', reset: 'after' });
		await runHero(
			{
				resource: 'message',
				operation: 'send',
				patientId: byId('20001'),
				channel: 'sms',
				message: 'x',
			},
			{ fake },
		);
		await runHero(
			{
				resource: 'webhook',
				operation: 'create',
				eventType: 'appointment.confirmed',
				url: 'https://example.com/h',
				additionalFields: { signingKey: 'whsec-user-chosen-key' },
			},
			{ fake },
		);
		await runHero({ resource: 'webhook', operation: 'list', returnAll: true }, { fake });
		const trigger = triggerWorkflow(fake, { events: ['appointment.cancelled'] });
		await trigger.activate();
		const key = [...fake.store.webhooks.values()].find(
			(h: { event_type: string }) => h.event_type === 'appointment.cancelled',
		).signing_key;
		const body = JSON.stringify({
			object: 'Appointment',
			id: '1',
			practice_group_id: fake.practiceGroupId,
			event: 'appointment.cancelled',
		});
		const ts = String(Math.floor(Date.now() / 1000));
		await trigger.deliver(body, {
			'X-Herohealth-Timestamp': ts,
			'X-Herohealth-Signature': createHmac('sha256', key).update(`${ts}.${body}`).digest('hex'),
		});
		await trigger.deliver(body, {
			'X-Herohealth-Timestamp': ts,
			'X-Herohealth-Signature': 'forged',
		});
		await trigger.deactivate();

		const secrets = secretsOf(fake);
		expect(secrets.length).toBeGreaterThanOrEqual(3);
		// The scan reads real material: outputs, errors and log lines were recorded.
		expect(observed.length).toBeGreaterThan(5);
		expect(engineLogLines().length + logLines.length).toBeGreaterThan(0);
		expect(findSecrets(secrets)).toEqual([]);
	});

	it('the scan does find a secret that leaks', () => {
		observed.push({ leaked: `key is ${fake.apiKey}` });
		expect(findSecrets([fake.apiKey])).toEqual([
			`${fake.apiKey.slice(0, 4)}… in node output or error`,
		]);
		observed.pop();
	});

	it('node and credential descriptions carry no secrets or example keys', () => {
		const descriptions = JSON.stringify([
			new HeroHealth().description,
			new HeroHealthTrigger().description,
		]);
		expect(descriptions).not.toContain(fake.apiKey);
		expect(descriptions).not.toMatch(/sk_live|whsec_[A-Za-z0-9]{10}/);
	});
});
