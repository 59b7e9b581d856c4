// Prints (as JSON) the Pod that `kubectl run spike-pilot ... --override-type=strategic
// --overrides="$(cat overrides.json)" -- spike ARGS...` creates, so deploy/kubernetes/check.sh can
// check it like the rendered overlays. The merge follows the strategic merge patch on a Pod:
// maps merge, containers and volumes merge by name.
//   node pod.mjs IMAGE ARG...
import { readFileSync } from "node:fs";

const [image, ...args] = process.argv.slice(2);
const overrides = JSON.parse(readFileSync(new URL("overrides.json", import.meta.url), "utf8"));
const generated = {
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "spike-pilot", namespace: "spike", labels: { run: "spike-pilot" } },
  spec: { restartPolicy: "Never", containers: [{ name: "spike-pilot", image, args }] },
};

function merge(base, patch) {
  if (Array.isArray(base) && Array.isArray(patch) && patch.every((e) => e?.name !== undefined)) {
    const out = base.map((e) => ({ ...e }));
    for (const p of patch) {
      const i = out.findIndex((e) => e.name === p.name);
      if (i >= 0) {
        out[i] = merge(out[i], p);
      } else {
        out.push(p);
      }
    }
    return out;
  }
  if (base && patch && typeof base === "object" && typeof patch === "object" && !Array.isArray(patch)) {
    const out = { ...base };
    for (const [k, v] of Object.entries(patch)) {
      out[k] = k in base ? merge(base[k], v) : v;
    }
    return out;
  }
  return patch;
}

console.log(JSON.stringify(merge(generated, overrides), null, 2));
