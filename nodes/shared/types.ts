// What crosses the wire, used by both nodes and the transport.

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The API key scope an operation needs; named in 401/403 errors. */
export type ApiScope = 'messaging' | 'booking' | 'booking links';

/** Thrown by a normaliser; the caller adds the field's name and the item. */
export class FieldValueError extends Error {}
