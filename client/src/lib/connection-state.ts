/** Where the socket stands, as the connection badge shows it. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';
