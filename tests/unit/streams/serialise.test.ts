/** serialise: stored headlines are validated when decoded; unknown fields pass through. */
import { describe, expect, it } from 'vitest';
import { decodeEntries, decodeEntry, encodeDraft, UndecodableEntryError } from '../../../src/streams/serialise.ts';

const draft = { title: 'Talks in Baku', source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: '2026-01-01T00:00:00.000Z', topics: ['politics'], regions: ['az'] };

describe('decodeEntry', () => {
  it('decodes a stored draft under its entry id', () => {
    expect(decodeEntry('1-0', encodeDraft(draft))).toEqual({ id: '1-0', ...draft });
  });

  it('refuses JSON that is not a headline, naming the entry and the field', () => {
    expect(() => decodeEntry('2-0', '{oops')).toThrow(UndecodableEntryError);
    expect(() => decodeEntry('2-0', JSON.stringify({ ...draft, topics: 'politics' }))).toThrow(/2-0.*topics/);
    expect(() => decodeEntry('2-0', JSON.stringify({ ...draft, source: undefined }))).toThrow(/source/);
    expect(() => decodeEntry('2-0', 'null')).toThrow(UndecodableEntryError);
  });
});

describe('decodeEntries', () => {
  it('keeps the good entries in order and reports each bad one', () => {
    const bad: string[] = [];
    const out = decodeEntries(
      [
        ['1-0', ['h', encodeDraft(draft)]],
        ['2-0', ['h', '[]']],
        ['3-0', ['x', 'y']],
        ['4-0', ['h', encodeDraft({ ...draft, title: 'Second' })]],
      ],
      (error) => bad.push(error.entryId),
    );
    expect(out.map((h) => [h.id, h.title])).toEqual([
      ['1-0', 'Talks in Baku'],
      ['4-0', 'Second'],
    ]);
    expect(bad).toEqual(['2-0', '3-0']);
  });
});
