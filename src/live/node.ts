// Node only (never imported by the page): the WebSocket factory for live connections from Node 20,
// which has no global WebSocket. Tests and the command line pass it as `createWebSocket`.
import WebSocket from 'ws';
import type { WebSocketFactory } from './types';

export const nodeWebSocket: WebSocketFactory = (url, protocols) => new WebSocket(url, protocols);
