/**
 * Helpers for the feature modules' own API types (kept next to each feature, like src/api/types.ts for the first
 * ones): the generated schemas, and a way to mark the fields the platform always writes as required.
 */
import type { components } from './schema.gen';

export type Schemas = components['schemas'];
export type WithRequired<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
