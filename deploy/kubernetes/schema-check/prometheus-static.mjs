// Copies a Prometheus configuration with each kubernetes_sd_configs replaced by a static target,
// for promtool builds without Kubernetes service discovery (Debian's). Run by ../check.sh.
//   node prometheus-static.mjs SRC DST
import { readFileSync, writeFileSync } from "node:fs";
import { parse, stringify } from "yaml";

const [src, dst] = process.argv.slice(2);
const config = parse(readFileSync(src, "utf8"));
for (const job of config.scrape_configs ?? []) {
  if (job.kubernetes_sd_configs) {
    delete job.kubernetes_sd_configs;
    job.static_configs = [{ targets: ["127.0.0.1:8554"] }];
  }
}
writeFileSync(dst, stringify(config));
