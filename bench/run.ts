// `npm run bench`: prints tables of measured figures. Run by hand; no test depends on timings.

import { formatTable } from '../training/format-table';
import { browserBench } from './browser-bench';
import { lighthouseBench } from './lighthouse';
import { messyBench } from './messy-bench';
import { nodeBench } from './node-bench';
import { offlineReloadBench } from './offline-bench';
import { profileBench } from './profile-bench';

process.stdout.write(`\n## Node\n\n${await nodeBench()}\n`);
process.stdout.write(`\n## Real-world CSVs (Node)\n\n${formatTable(await messyBench())}\n`);
process.stdout.write(
  `\n${formatTable([['figure (median of 5, range)', 'value'], ...(await profileBench())])}\n`,
);
process.stdout.write(`\n## Browser\n\n${await browserBench()}\n`);
process.stdout.write(`\n## Offline (service worker)\n\n${await offlineReloadBench()}\n`);
process.stdout.write(`\n## Lighthouse (built app, Debian Chromium)\n\n${await lighthouseBench()}\n`);
