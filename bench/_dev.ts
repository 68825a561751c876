import { runFanout } from './cases/fanout.ts';
import { LoadGenerators } from './lib/loadgens.ts';
import { loadSettings } from './lib/settings.ts';
const settings = loadSettings();
const lg = await LoadGenerators.start(settings.loadgens);
for (const s of settings.servers) { const r = await runFanout(s, settings, lg); console.log(JSON.stringify({ mem: r.memory, errors: r.errors, restarts: r.restarts })); }
await lg.stop();
