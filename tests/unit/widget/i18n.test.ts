/** The widget's languages: every pack complete, served strings checked, badges named in the reader's language. */
import { describe, expect, it } from 'vitest';
import { TOPICS } from '../../../src/channels/topics.ts';
import { channelBadge } from '../../../src/widget/client/i18n.ts';
import { PACK_LANGS, uiPack } from '../../../src/widget/i18n/packs.ts';
import { EN, RTL_LANGS, toUiStrings, UI_LANGS } from '../../../src/widget/client/strings.ts';

describe('widget languages', () => {
  it('has a complete pack for every UI language, each topic labelled', () => {
    expect([...PACK_LANGS].sort()).toEqual([...UI_LANGS].sort());
    for (const lang of UI_LANGS) {
      const pack = uiPack(lang);
      expect(pack, lang).toBeDefined();
      expect(toUiStrings(JSON.parse(JSON.stringify(pack))), lang).toEqual(pack);
      expect(Object.keys(pack?.topics ?? {}).sort(), lang).toEqual(TOPICS.map((t) => t.slug).sort());
      for (const [key, value] of Object.entries(pack ?? {})) if (typeof value === 'string') expect(value.trim(), `${lang}.${key}`).not.toBe('');
    }
    // Translated, not copied: only English says "Waiting for headlines…".
    expect(UI_LANGS.filter((lang) => uiPack(lang)?.waiting === EN.waiting)).toEqual(['en']);
    expect(uiPack('xx')).toBeUndefined();
    expect(uiPack('__proto__')).toBeUndefined();
    expect([...RTL_LANGS].sort()).toEqual(['ar', 'fa']);
  });

  it('refuses a served pack that lacks a string', () => {
    const { waiting: _, ...partial } = EN;
    expect(toUiStrings(partial)).toBeNull();
    expect(toUiStrings({ ...EN, pause: 3 })).toBeNull();
    expect(toUiStrings('nope')).toBeNull();
  });

  it("defaults the badge to the channel's label in the ticker's language", () => {
    const en = uiPack('en') ?? EN;
    const de = uiPack('de') ?? EN;
    expect(channelBadge(['politics/*'], en, 'en')).toBe('Politics');
    expect(channelBadge(['crime-law/az'], en, 'en')).toBe('Crime · Azerbaijan');
    expect(channelBadge(['*/az'], de, 'de')).toBe('Aserbaidschan');
    expect(channelBadge(['politics/*'], de, 'de')).toBe('Politik');
    expect(channelBadge(['*/western-asia'], en, 'en')).toBe('Western asia');
    // No single channel names it: "Latest news", localised.
    expect(channelBadge(['*/*'], de, 'de')).toBe('Aktuelle Nachrichten');
    expect(channelBadge(['politics/*', 'sport/*'], uiPack('ar') ?? EN, 'ar')).toBe('آخر الأخبار');
  });
});
