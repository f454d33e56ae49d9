import type { HeroResource } from '../types';
import { admin } from './admin';
import { practiceGroup } from './practiceGroup';

/** Every resource of the node, in no particular order (the UI sorts them). */
export const RESOURCES: HeroResource[] = [admin, practiceGroup];
