// `node central/dist/bench/pages-main.js [--quick]`: the pages' bench alone, its figures as one JSON
// line on stdout (hub/src/bench/main.ts runs it as the section "central-pages"), progress on stderr.
import { benchCentralPages } from './pages.js';

const quick = process.argv.includes('--quick');
const results = await benchCentralPages({
  liveCentres: 200,
  requests: quick ? 20 : 300,
  reportCentres: quick ? 5 : 50,
  days: quick ? 3 : 30,
  perDay: quick ? 350 : 3500,
  reportRuns: quick ? 1 : 3,
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify(results)}\n`);
