/** What the UIs import from the server package (`@campus/server/client/live`): the `/ws` protocol. */
export * from './protocol.ts';
export * from './live-client.ts';
