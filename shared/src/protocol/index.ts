export * from './messageType.ts';
export * from './closeCodes.ts';
export * from './docName.ts';
export * from './storedAck.ts';
