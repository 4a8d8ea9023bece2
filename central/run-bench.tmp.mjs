import { benchCentralPages } from '/work/wt-centralweb/central/dist/bench/pages.js';

const r = await benchCentralPages({
  liveCentres: 200,
  requests: 300,
  reportCentres: 50,
  days: 30,
  perDay: 3500,
  reportRuns: 3,
  log: (l) => console.error(l),
});
console.log(JSON.stringify(r));
