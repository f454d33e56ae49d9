import type { HeroRequest } from '../../shared/transport';
import type { HeroOperation, HeroResource } from '../model';
import { knownOperation } from '../run/hatch';

// The one place that decides, from the request itself, that it contacts a patient: the Hero
// endpoint it reaches (method and path), whichever way it was built (an operation, a Custom API
// Call, hatches). The Send Window and the Contactability Check apply there.

/** The operation whose endpoint the request reaches, when that endpoint messages a patient. */
export function contactingOperation(
	operation: HeroOperation,
	resources: HeroResource[],
	request: HeroRequest,
): HeroOperation | undefined {
	const reached = operation.custom
		? knownOperation(resources, request.method, request.path)
		: operation;
	return reached?.contacts ? reached : undefined;
}

/** Whether this node version offers a control on the operation (Custom API Call: from version 4). */
export function offers(operation: HeroOperation, control: string): boolean {
	return operation.fields.some((field) => field.apiKey === control);
}
