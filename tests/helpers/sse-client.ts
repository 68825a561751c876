/** A streaming SSE reader over fetch (a real HTTP client): parses frames as they arrive. */
import type { HeadlineChange, Headline } from '../../src/protocol/events.ts';

export interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
  comment?: string;
}

export function openSseStream(url: string, headers: Record<string, string> = {}): SseStream {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const state: { status?: number; headers?: Headers } = {};
  const done = (async () => {
    const response = await fetch(url, { headers, signal: controller.signal });
    state.status = response.status;
    state.headers = response.headers;
    if (response.body === null) return;
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = response.body.getReader();
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = {};
        for (const line of frame.split('\n')) {
          if (line.startsWith(':')) event.comment = line.slice(1).trim();
          const match = /^(id|event|data): ?(.*)$/.exec(line);
          if (match?.[1] === 'id' || match?.[1] === 'event' || match?.[1] === 'data') event[match[1]] = match[2] ?? '';
        }
        events.push(event);
      }
    }
  })().catch((error: unknown) => {
    if (!(error instanceof Error && error.name === 'AbortError')) throw error;
  });
  const headlines = (): Headline[] => events.filter((e) => e.event === 'headline').map((e) => JSON.parse(e.data ?? '{}') as Headline);
  const changes = (): HeadlineChange[] => events.filter((e) => e.event === 'update' || e.event === 'retract').map((e) => JSON.parse(e.data ?? '{}') as HeadlineChange);
  return { events, state, headlines, changes, close: async () => { controller.abort(); await done; } };
}

export interface SseStream {
  readonly events: SseEvent[];
  /** The response's status and headers once they arrived. */
  readonly state: { status?: number; headers?: Headers };
  headlines(): Headline[];
  /** `event: update` and `event: retract` frames' data. */
  changes(): HeadlineChange[];
  close(): Promise<void>;
}
