// `npm run bench`: prints tables of measured figures. Run by hand; no test depends on timings.
import { browserBench } from './browser-bench';
import { lighthouseBench } from './lighthouse';
import { nodeBench } from './node-bench';
import { offlineReloadBench } from './offline-bench';

process.stdout.write(`\n## Node\n\n${await nodeBench()}\n`);
process.stdout.write(`\n## Browser\n\n${await browserBench()}\n`);
process.stdout.write(`\n## Offline (service worker)\n\n${await offlineReloadBench()}\n`);
process.stdout.write(`\n## Lighthouse (built app, Debian Chromium)\n\n${await lighthouseBench()}\n`);
