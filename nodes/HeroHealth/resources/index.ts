import { extraFields, outputControls } from '../fields';
import { customCallSafetyFields, safetyFields } from '../safety/fields';
import type { HeroResource } from '../model';
import { admin } from './admin';
import { booking } from './booking';
import { bookingLink } from './bookingLink';
import { customApiCall } from './customApiCall';
import { episode } from './episode';
import { form } from './form';
import { hcaConsultant } from './hcaConsultant';
import { invoicing } from './invoicing';
import { link } from './link';
import { message } from './message';
import { partner } from './partner';
import { patientResource } from './patient';
import { practiceGroup } from './practiceGroup';
import { prescription } from './prescription';
import { subscription } from './subscription';
import { task } from './task';
import { webhook } from './webhook';

/** Every resource of the node, in no particular order (the UI sorts them). */
export const RESOURCES: HeroResource[] = withExtraFields([
	admin,
	booking,
	bookingLink,
	customApiCall,
	episode,
	form,
	hcaConsultant,
	invoicing,
	link,
	message,
	partner,
	patientResource,
	practiceGroup,
	prescription,
	subscription,
	task,
	webhook,
]);

/**
 * Each operation gets the controls that fit it: the practice sign-off controls, and the escape
 * hatches (Extra Body Fields, Extra Query Parameters).
 */
function withExtraFields(resources: HeroResource[]): HeroResource[] {
	return resources.map((resource) => ({
		...resource,
		operations: resource.operations.map((operation) =>
			operation.custom
				? { ...operation, fields: [...operation.fields, ...customCallSafetyFields()] }
				: {
						...operation,
						fields: [
							...operation.fields,
							...safetyFields(operation),
							...outputControls(operation),
							...extraFields(operation),
						],
					},
		),
	}));
}
