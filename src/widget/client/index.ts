/**
 * widget.js: defines `<news-ticker>`, exposes `window.NewsTicker.mount`, and when loaded by a
 * `<script data-channels=…>` puts a ticker where that script stands. The service origin
 * defaults to the origin this script was loaded from.
 *
 * widget.js loads `async`, so a page's inline `NewsTicker.mount(…)` usually runs first. Pages
 * use the stub `window.NewsTicker = window.NewsTicker || { q: [], mount: function () { this.q.push(arguments); } }`:
 * those calls wait in `q` and run here, once the page has the elements they name.
 */
import { isNewsTickerElement, defineNewsTicker, TAG, type NewsTickerElementApi } from './element.ts';
import { optionsFromAttributes, type TickerOptionsInput } from './options.ts';

export interface MountedTicker {
  readonly element: HTMLElement;
  pause(): void;
  play(): void;
  destroy(): void;
}

export interface NewsTickerApi {
  mount(target: Element | string, options?: TickerOptionsInput): MountedTicker;
  readonly version: string;
}

/** What a page may have put at window.NewsTicker before this script ran. */
interface QueueStub {
  q?: ArrayLike<unknown>[];
  version?: unknown;
}

declare global {
  interface Window {
    NewsTicker?: NewsTickerApi | QueueStub;
  }
}

// currentScript is only set while this script first runs (also for async scripts).
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const defaultServer = script?.src ? new URL(script.src, location.href).origin : location.origin;

defineNewsTicker(defaultServer);

function createTicker(options: TickerOptionsInput): NewsTickerElementApi {
  const element = document.createElement(TAG);
  if (!isNewsTickerElement(element)) throw new Error('news-ticker is defined by another script');
  element.configure(options);
  return element;
}

const api: NewsTickerApi = {
  version: '1',
  mount(target, options = {}) {
    const parent = typeof target === 'string' ? document.querySelector(target) : target;
    if (parent === null) throw new Error(`NewsTicker.mount: no element matches ${typeof target === 'string' ? target : 'the given element'}`);
    const element = createTicker(options);
    parent.append(element);
    return {
      element,
      pause: () => element.pause(),
      play: () => element.play(),
      destroy: () => element.remove(),
    };
  },
};
/** Runs the mount calls a page queued before this script loaded; one bad call does not stop the rest. */
function runQueued(queue: ArrayLike<unknown>[]): void {
  for (const args of Array.from(queue)) {
    const [target, options] = Array.from(args);
    try {
      api.mount(target as Element | string, options ?? {});
    } catch (error) {
      console.error(error);
    }
  }
}

const existing = window.NewsTicker;
// A second copy of the script leaves the first one's API in place.
if (existing?.version === undefined) {
  window.NewsTicker = api;
  const queue: ArrayLike<unknown>[] = existing !== undefined && 'q' in existing && Array.isArray(existing.q) ? existing.q : [];
  if (queue.length > 0) {
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => runQueued(queue), { once: true });
    else runQueued(queue);
  }
}

if (script?.hasAttribute('data-channels') === true) {
  const options = optionsFromAttributes((name) => script.getAttribute(`data-${name}`));
  const element = createTicker(options);
  const place = (): void => {
    // A script in <head> cannot hold a ticker: put it at the top of the body instead.
    if (script.parentElement !== null && script.parentElement !== document.head) script.after(element);
    else document.body.prepend(element);
  };
  if (document.body === null) document.addEventListener('DOMContentLoaded', place, { once: true });
  else place();
}
