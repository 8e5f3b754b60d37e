// `npm run bench`: prints tables of measured figures. Run by hand; no test depends on timings.
import { browserBench } from './browser-bench';
import { nodeBench } from './node-bench';

process.stdout.write(`\n## Node\n\n${await nodeBench()}\n`);
process.stdout.write(`\n## Browser\n\n${await browserBench()}\n`);
