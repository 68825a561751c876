/**
 * widget.js: defines `<news-ticker>`, exposes `window.NewsTicker.mount`, and when loaded by a
 * `<script data-channels=…>` puts a ticker where that script stands. The service origin
 * defaults to the origin this script was loaded from.
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

declare global {
  interface Window {
    NewsTicker?: NewsTickerApi;
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
window.NewsTicker ??= api;

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
