/**
 * `<news-ticker channels="politics/*" server="https://news.example">`: the custom element every
 * embedding goes through. Attributes are read when it is connected and again when one changes;
 * `configure()` lets `NewsTicker.mount` pass options as values instead.
 */
import { badgeNamesTopic, loadStrings } from './i18n.ts';
import { ListView } from './list.ts';
import { ATTRIBUTES, normaliseOptions, optionsFromAttributes, type TickerOptionsInput } from './options.ts';
import { Ticker } from './ticker.ts';
import type { View } from './view.ts';

export const TAG = 'news-ticker';

export function defineNewsTicker(defaultServer: string): void {
  if (customElements.get(TAG) !== undefined) return; // the script was loaded twice: the first wins

  class NewsTickerElement extends HTMLElement {
    static readonly observedAttributes = Object.values(ATTRIBUTES);
    private ticker: View | undefined;
    /** Bumped on every rebuild, so a language file that arrives late builds nothing stale. */
    private generation = 0;
    private given: TickerOptionsInput = {};

    configure(options: TickerOptionsInput): void {
      this.given = { ...options };
      this.rebuild();
    }

    pause(): void {
      this.ticker?.pause();
    }

    play(): void {
      this.ticker?.play();
    }

    connectedCallback(): void {
      this.rebuild();
    }

    disconnectedCallback(): void {
      this.ticker?.destroy();
      this.ticker = undefined;
    }

    attributeChangedCallback(_name: string, previous: string | null, value: string | null): void {
      if (previous !== value && this.generation > 0) this.rebuild();
    }

    private rebuild(): void {
      this.ticker?.destroy();
      this.ticker = undefined;
      const generation = ++this.generation;
      if (!this.isConnected) return;
      const input = { ...optionsFromAttributes((name) => this.getAttribute(name)), ...this.given };
      const options = normaliseOptions(input, defaultServer, document.documentElement.lang);
      const root = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      void loadStrings(options.server, options.lang, options.label === null && badgeNamesTopic(options.channels)).then((strings) => {
        if (generation !== this.generation || !this.isConnected) return;
        this.ticker = options.layout === 'list' ? new ListView(root, options, strings) : new Ticker(root, options, strings);
        this.ticker.start();
      });
    }
  }

  customElements.define(TAG, NewsTickerElement);
}

/** The element's methods, typed for callers that only know it as an HTMLElement. */
export interface NewsTickerElementApi extends HTMLElement {
  configure(options: TickerOptionsInput): void;
  pause(): void;
  play(): void;
}

export function isNewsTickerElement(node: Element): node is NewsTickerElementApi {
  return node.localName === TAG && typeof (node as Partial<NewsTickerElementApi>).configure === 'function';
}
