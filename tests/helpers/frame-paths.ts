/**
 * The gateway's two write paths (GATEWAY_DIRECT_FRAMES, src/gateway/socket/engine-adapter.ts):
 * live frames straight to each WebSocket, or Socket.IO's public API only. The delivery, resume
 * and slow-consumer tests run on both.
 */
export const FRAME_PATHS = [
  { path: 'direct frames', direct: true, env: { GATEWAY_DIRECT_FRAMES: 'true' } },
  { path: 'the standard Socket.IO path', direct: false, env: { GATEWAY_DIRECT_FRAMES: 'false' } },
] as const;
