/**
 * The UI strings of a ticker's language: English is built in, the others (and the topic labels
 * of every language) come from the service (`/widget/i18n/<lang>.json`, once per page and
 * language). A failed load falls back to English rather than leaving the ticker empty.
 */
import { prettySlug } from '../../browser/channels.ts';
import { EN, toUiStrings, type UiLang, type UiStrings } from './strings.ts';

const loaded = new Map<string, Promise<UiStrings>>();

/** `needTopics`: the badge names a topic, so English is fetched too (for its topic labels). */
export function loadStrings(server: string, lang: UiLang, needTopics: boolean): Promise<UiStrings> {
  if (lang === 'en' && !needTopics) return Promise.resolve(EN);
  const key = `${server} ${lang}`;
  let pending = loaded.get(key);
  if (pending === undefined) {
    pending = fetch(`${server}/widget/i18n/${lang}.json`, { credentials: 'omit' })
      .then(async (response) => (response.ok ? toUiStrings(await response.json()) : null))
      .catch(() => null)
      .then((strings) => strings ?? EN);
    loaded.set(key, pending);
  }
  return pending;
}

function regionName(slug: string, lang: string): string {
  if (slug.length === 2 && typeof Intl.DisplayNames === 'function') {
    try {
      return new Intl.DisplayNames([lang], { type: 'region' }).of(slug.toUpperCase()) ?? slug.toUpperCase();
    } catch {
      // an unknown code: fall through to the code itself
    }
  }
  return slug.length === 2 ? slug.toUpperCase() : prettySlug(slug);
}

/**
 * The badge: a single channel's label in the ticker's language ("Politics", "Azerbaijan",
 * "Politics · Azerbaijan"), else "Latest news".
 */
function singleChannel(channels: readonly string[]): [string, string] {
  const [topic = '*', region = '*'] = (channels.length === 1 ? channels[0] : undefined)?.split('/') ?? [];
  return [topic, region];
}

/** True when the badge will name a topic (and so needs the topic labels). */
export function badgeNamesTopic(channels: readonly string[]): boolean {
  return singleChannel(channels)[0] !== '*';
}

export function channelBadge(channels: readonly string[], strings: UiStrings, lang: string): string {
  const [topic, region] = singleChannel(channels);
  const parts = [topic === '*' ? '' : (strings.topics[topic] ?? prettySlug(topic)), region === '*' ? '' : regionName(region, lang)].filter((part) => part !== '');
  return parts.length === 0 ? strings.latest : parts.join(' · ');
}
