// The field helpers resources are written with: values sent to Hero, the controls every
// operation of a kind gets, and record pickers. The safety controls are in safety/fields.ts.

export { heroField } from './field';
export type { FieldOptions, LabelledOptions } from './field';
export { LOCATORS, recordLocator } from './locators';
export * from './values';
export { extraFields, outputControls } from './controls';
