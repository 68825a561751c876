/** serialise: stored headlines are validated when decoded; unknown fields pass through. */
import { describe, expect, it } from 'vitest';
import { decodeEntries, decodeEntry, decodeStreamEntries, encodeChange, encodeDraft, UndecodableEntryError } from '../../../src/streams/serialise.ts';

const draft = { title: 'Talks in Baku', source: { id: 's', name: 'S' }, publishedAt: null, receivedAt: '2026-01-01T00:00:00.000Z', topics: ['politics'], regions: ['az'] };

describe('decodeEntry', () => {
  it('decodes a stored draft under its entry id', () => {
    // Stored before priority and revision existed: read as a normal headline at revision 1.
    expect(decodeEntry('1-0', encodeDraft(draft))).toEqual({ id: '1-0', ...draft, priority: 'normal', revision: 1 });
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

describe('decodeStreamEntries', () => {
  it('decodes changes with their own id, and skips a malformed one', () => {
    const was = { topics: ['politics'], regions: ['az'] };
    const bad: string[] = [];
    const out = decodeStreamEntries(
      [
        ['1-0', ['h', encodeDraft(draft)]],
        ['2-0', ['c', encodeChange({ type: 'retract', headline: { id: '1-0', retracted: true, reason: 'false' } }, was)]],
        ['3-0', ['c', JSON.stringify({ ...was, type: 'update', headline: { id: '1-0' } })]],
      ],
      (error) => bad.push(error.entryId),
    );
    expect(out.map((entry) => (entry.kind === 'change' ? [entry.id, entry.change, entry.was] : [entry.id]))).toEqual([
      ['1-0'],
      ['2-0', { id: '2-0', type: 'retract', headline: { id: '1-0', retracted: true, reason: 'false' } }, was],
    ]);
    expect(bad).toEqual(['3-0']);
  });
});
