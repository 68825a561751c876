/** Lexicons for disaster, weather and human interest. */
import type { LexiconGroup } from './types.ts';

export const EVENTS: LexiconGroup = {
  disaster: {
    strong: [
      'earthquake*', 'quake*', 'tremor*', 'tsunami*', 'landslide*', 'mudslide*', 'avalanche*', 'volcano*', 'volcanic',
      'eruption*', 'wildfire*', 'bushfire*', 'blaze*', 'train derail*', 'mishap*', 'plane crash*', 'crash*',
      'building collapse*', 'bridge collapse*', 'roof collapse*', 'collapsed building*', 'capsiz*', 'shipwreck*',
      'explosion*', 'death toll', 'rescue*', 'rescuer*', 'evacuat*', 'state of emergency', 'disaster*', 'accident*',
      'famine', 'magnitude', 'floods', 'flooding', 'flood', 'flash flood*', 'mine collapse', 'fire', 'fires',
      'feared dead', 'buries', 'buried', 'trapped', 'traps', 'sinks', 'sank', 'blackout*', 'displace*', 'stampede*',
      'gas leak*', 'bus plunge*', 'collision', 'collided', 'collides', 'shipwreck', 'nuclear disaster', 'meltdown',
      'radiation', 'aftershock*', 'relief work*', 'relief effort*',
    ],
    medium: [
      'dead', 'killing', 'kills', 'injured', 'missing', 'emergency', 'victims', 'tragedy', 'destroy*', 'damage*',
      'survivor*', 'erupt*', 'derail*', 'collapse*', 'rebuilding', 'fukushima', 'cyclone', 'typhoon', 'hurricane',
      'drought', 'power cuts', 'without power', 'flood aid', 'aid',
    ],
    weak: ['hundreds', 'dozens', 'thousands', 'toll'],
  },
  weather: {
    strong: [
      'weather', 'heatwave*', 'heat wave*', 'temperature*', 'rain', 'rains', 'rainfall', 'storm', 'storms', 'snow',
      'snowfall', 'snowstorm*', 'blizzard*', 'typhoon*', 'hurricane*', 'cyclone*', 'tornado*', 'met office', 'monsoon*',
      'drought*', 'heavy rain', 'sandstorm*', 'dust storm*', 'frost', 'freezing', 'heat', 'extreme heat',
      'amber warning', 'weather warning', 'hail', 'hailstorm*', 'fog', 'celsius', 'landfall', 'el nino', 'la nina',
      'torrential', 'humidity', 'record heat', 'forecasters', 'warmest', 'hottest', 'coldest', 'wettest', 'driest',
      'cold snap', 'wind', 'winds', 'gale*', 'harsh winter', 'harshest winter',
    ],
    medium: ['degrees', 'cold', 'winter', 'sea ice', 'braces', 'dana'],
    weak: ['flood', 'floods', 'climate', 'warning'],
  },
  'human-interest': {
    strong: [
      'reunit*', 'separated at birth', 'twins', 'baby', 'babies', 'lottery', 'jackpot', 'dog', 'dogs', 'cat', 'cats',
      'pet', 'pets', 'zoo', 'royal baby', 'centenarian*', 'makes history', 'heartwarming', 'miracle', 'birthday*',
      'world s oldest', 'gives birth', 'wedding*', 'proposal', 'sheep', 'panda*', 'owners',
    ],
    medium: [
      'oldest', 'princess', 'prince', 'royal*', 'viral', 'hero', 'heroes', 'heroic', 'heroism', 'heroine*',
      'first woman', 'record', 'celebrat*', 'village', 'girl', 'woman', 'man', 'boy', 'animal*', 'sisters', 'brothers',
      'years missing', 'after years', 'story',
    ],
    weak: ['history', 'world record', 'sets', 'old school', 'old-school'],
  },
};
