/**
 * The request header that carries the client's address to route handlers, which get no socket
 * of their own. The custom server (server/main.ts) sets it on every request before Next sees it,
 * overwriting whatever the client sent (Next builds a route's Request from those headers).
 */
export const PEER_HEADER = "x-tracetune-peer";
