import type { HeroResource } from '../types';
import { admin } from './admin';
import { booking } from './booking';
import { bookingLink } from './bookingLink';
import { message } from './message';
import { patientResource } from './patient';
import { practiceGroup } from './practiceGroup';

/** Every resource of the node, in no particular order (the UI sorts them). */
export const RESOURCES: HeroResource[] = [admin, booking, bookingLink, message, patientResource, practiceGroup];
