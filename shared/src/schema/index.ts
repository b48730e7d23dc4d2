export * from './extensions.ts';
export * from './fields.ts';
