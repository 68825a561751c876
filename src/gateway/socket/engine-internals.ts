/**
 * engine.io and ws keep the state the gateway needs (write buffers, the WebSocket sender)
 * private, so it is read structurally and defensively: a field that is missing or of another
 * shape reads as undefined, and every caller has a path for that.
 */
export function field(value: unknown, key: string): unknown {
  return (typeof value === 'object' && value !== null) || typeof value === 'function' ? (value as Record<string, unknown>)[key] : undefined;
}
