import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/classification/index.ts';

const topics = (title: string): string[] => classify({ title }).topics;

describe('topic rules at phrase level: the false friends of issue 15', () => {
  it('"strikes" beside an earthquake or an army is not labour', () => {
    expect(topics('Earthquake of magnitude 6.1 strikes eastern Turkey')).not.toContain('labour');
    expect(topics('Earthquake of magnitude 6.1 strikes eastern Turkey')[0]).toBe('disaster');
    expect(topics('Army strikes militant positions near the border')).not.toContain('labour');
    expect(topics('Rail workers vote to strike over pay')[0]).toBe('labour');
  });

  it('"under fire" is criticism, not a fire', () => {
    expect(topics('British Museum under fire over looted artefacts')).not.toContain('disaster');
    expect(topics('British Museum under fire over looted artefacts')[0]).toBe('arts-culture');
    expect(topics('Fire destroys warehouse in port city')[0]).toBe('disaster');
  });

  it('"bid" next to a company or a takeover is economy', () => {
    expect(topics('Warner Bros rejects Paramount bid')[0]).toBe('economy');
    expect(topics('Shareholders back hostile takeover bid for brewer')[0]).toBe('economy');
  });

  it('a named athlete or competition is sport', () => {
    expect(topics('Novak Djokovic withdraws from Paris Masters')[0]).toBe('sport');
    expect(topics('Alcaraz through to Wimbledon quarter-finals')[0]).toBe('sport');
  });

  it('a candidate who wins or leads a race is not sport', () => {
    expect(topics('Opposition candidate wins presidential election')[0]).toBe('politics');
  });

  it('reads names only with a capital', () => {
    expect(classify({ title: 'Apple unveils new iPhone' }).topics[0]).toBe('science-technology');
    expect(classify({ title: 'apple harvest falls after frost' }).topics).not.toContain('science-technology');
  });
});
