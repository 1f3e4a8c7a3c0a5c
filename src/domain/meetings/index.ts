/** Joint meetings: what the services, pages and exports use, from one place. */
export * from './kinds.ts';
export * from './state-machine.ts';
export * from './agenda.ts';
export * from './outcomes.ts';
export * from './periods.ts';
export * from './action-items.ts';
export * from './labels.ts';
export * from './notifications.ts';
