// Preloaded (`node --require bench/max-rss.cjs ...`) into a process whose peak memory the
// benchmark reports: at exit, writes the peak resident set size in bytes to the file named by
// KUBECIS_BENCH_RSS_FILE. (`/usr/bin/time -v` is not on every machine.)
'use strict';
const { writeFileSync } = require('node:fs');

const file = process.env.KUBECIS_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
  });
}
