// Preloaded with `node --import`: reports the process's peak resident memory when it exits.
process.on("exit", () => {
  process.stderr.write(`\nERRCAT_BENCH_MAX_RSS_KB=${process.resourceUsage().maxRSS}\n`);
});
