// Schema and policy check of rendered Kubernetes manifests (run by deploy/kubernetes/check.sh).
//
//   node check.mjs FILE...             check every object of the YAML files; exit 1 on a problem
//   node check.mjs --self-test FILE    break objects of FILE on purpose: each break must be caught
//   node check.mjs --objects FILE...   print each object as `Kind<TAB>namespace/name` (or `name`)
//
// Schema: Kubernetes' own kinds are validated with the kubernetes-models package (the API's
// OpenAPI schemas compiled by ajv): a wrong type or a missing required field fails. Those schemas
// let unknown fields through, as the API server's non-strict mode does, so the objects are also
// handed to the validators behind a proxy that records which fields the schema read: a field the
// schema never looked at is unknown (a typo such as `imagePullPolicyy`) and fails, as
// `kubectl apply --validate=strict` would. ClusterSPIFFEID (SPIRE) has no kubernetes-models
// package: clusterspiffeid.schema.json beside this file holds its CRD schema, unknown fields refused.
//
// Policy: every workload runs hardened (non-root 65532, read-only root file system, no
// capabilities, seccomp RuntimeDefault, no service account token, requests and limits), gets its
// SVID from the SPIFFE CSI driver's read-only volume, runs the spike image with a tag and one of
// its entry points; every namespaced object names its namespace.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";
import Ajv from "ajv";

const here = new URL(".", import.meta.url);
const ajv = new Ajv({ allErrors: true, strict: true });
const validateClusterSpiffeId = ajv.compile(
  JSON.parse(readFileSync(new URL("clusterspiffeid.schema.json", here), "utf8")),
);

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterSPIFFEID", "ClusterRole", "ClusterRoleBinding"]);
const POD_SPEC = {
  Pod: (o) => o.spec,
  Deployment: (o) => o.spec?.template?.spec,
  StatefulSet: (o) => o.spec?.template?.spec,
  DaemonSet: (o) => o.spec?.template?.spec,
  Job: (o) => o.spec?.template?.spec,
};
const ENTRY_POINTS = ["nexus", "keeper", "bootstrap", "spike"];

/** The objects of a multi-document YAML file, each with a name for messages. */
function load(file) {
  const docs = parseAllDocuments(readFileSync(file, "utf8"));
  const objects = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors[0].message}`);
    }
    const obj = doc.toJS();
    if (obj !== null && obj !== undefined) {
      objects.push(obj);
    }
  }
  return objects;
}

function describe(obj) {
  const ns = obj?.metadata?.namespace ? `${obj.metadata.namespace}/` : "";
  return `${obj?.kind ?? "?"} ${ns}${obj?.metadata?.name ?? "?"}`;
}

/**
 * Wraps plain data in proxies that record, per object, which keys a validator read and whether it
 * listed the keys (a map such as labels is listed, so all of its keys count as read).
 */
function tracker() {
  const records = [];
  const proxies = new WeakMap();
  function wrap(value, path) {
    if (value === null || typeof value !== "object") {
      return value;
    }
    if (proxies.has(value)) {
      return proxies.get(value);
    }
    const record = { path, value, read: new Set(), listed: false };
    if (!Array.isArray(value)) {
      records.push(record);
    }
    const proxy = new Proxy(value, {
      get(target, key, receiver) {
        const v = Reflect.get(target, key, receiver);
        if (typeof key !== "string") {
          return v;
        }
        record.read.add(key);
        if (!Object.hasOwn(target, key)) {
          return v;
        }
        return wrap(v, Array.isArray(target) ? `${path}[${key}]` : `${path}.${key}`);
      },
      has(target, key) {
        record.read.add(key);
        return Reflect.has(target, key);
      },
      ownKeys(target) {
        record.listed = true;
        return Reflect.ownKeys(target);
      },
    });
    proxies.set(value, proxy);
    return proxy;
  }
  function unknown() {
    return records
      .filter((r) => !r.listed)
      .flatMap((r) => Object.keys(r.value).filter((k) => !r.read.has(k)).map((k) => `${r.path}.${k}`));
  }
  return { wrap, unknown };
}

async function schemaProblems(obj) {
  if (obj?.apiVersion === "spire.spiffe.io/v1alpha1" && obj?.kind === "ClusterSPIFFEID") {
    if (validateClusterSpiffeId(obj)) {
      return [];
    }
    return validateClusterSpiffeId.errors.map((e) =>
      e.keyword === "additionalProperties"
        ? `unknown field ${e.instancePath || ""}/${e.params.additionalProperty}`
        : `${e.instancePath || "/"} ${e.message}`,
    );
  }
  let model;
  try {
    model = await import(`kubernetes-models/${obj.apiVersion}/${obj.kind}`);
  } catch {
    return [`no schema for apiVersion ${obj?.apiVersion} kind ${obj?.kind}`];
  }
  const cls = model[obj.kind] ?? model.default;
  const track = tracker();
  const problems = [];
  try {
    cls.prototype.validate.call(track.wrap(obj, ""));
  } catch (e) {
    problems.push(...e.message.split(", "));
  }
  for (const field of track.unknown()) {
    problems.push(`unknown field ${field}`);
  }
  return problems;
}

function policyProblems(obj) {
  const problems = [];
  const need = (ok, message) => {
    if (!ok) {
      problems.push(message);
    }
  };
  if (!CLUSTER_SCOPED.has(obj.kind)) {
    need(obj.metadata?.namespace, "metadata.namespace is missing (every namespaced object names its own)");
  }
  const podOf = POD_SPEC[obj.kind];
  if (!podOf) {
    return problems;
  }
  const pod = podOf(obj) ?? {};
  const sc = pod.securityContext ?? {};
  need(pod.automountServiceAccountToken === false, "pod: automountServiceAccountToken must be false");
  need(sc.runAsNonRoot === true, "pod: securityContext.runAsNonRoot must be true");
  need(sc.runAsUser === 65532, "pod: securityContext.runAsUser must be 65532");
  need(sc.seccompProfile?.type === "RuntimeDefault", "pod: seccompProfile must be RuntimeDefault");
  const csi = (pod.volumes ?? []).find((v) => v.csi?.driver === "csi.spiffe.io");
  need(csi?.csi?.readOnly === true, "pod: needs a read-only csi.spiffe.io volume (the Workload API)");
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const where = `container ${c.name}`;
    const csc = c.securityContext ?? {};
    need(csc.readOnlyRootFilesystem === true, `${where}: readOnlyRootFilesystem must be true`);
    need(csc.allowPrivilegeEscalation === false, `${where}: allowPrivilegeEscalation must be false`);
    need((csc.capabilities?.drop ?? []).includes("ALL"), `${where}: capabilities must drop ALL`);
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        need(c.resources?.[kind]?.[resource] !== undefined, `${where}: resources.${kind}.${resource} is missing`);
      }
    }
    need(
      (c.volumeMounts ?? []).some(
        (m) => m.name === csi?.name && m.mountPath === "/spiffe-workload-api" && m.readOnly === true,
      ),
      `${where}: must mount the csi.spiffe.io volume read-only at /spiffe-workload-api`,
    );
    need(/:[^/:]+$/.test(c.image ?? ""), `${where}: image ${c.image} has no tag (kustomize images: entry)`);
    need(ENTRY_POINTS.includes(c.args?.[0]), `${where}: args[0] must be one of ${ENTRY_POINTS.join(", ")}`);
  }
  return problems;
}

async function problemsOf(objects) {
  const found = [];
  for (const obj of objects) {
    for (const problem of [...(await schemaProblems(obj)), ...policyProblems(obj)]) {
      found.push(`${describe(obj)}: ${problem}`);
    }
  }
  return found;
}

async function check(files) {
  let failed = false;
  for (const file of files) {
    const objects = load(file);
    const problems = await problemsOf(objects);
    for (const p of problems) {
      console.error(`schema-check: ${file}: ${p}`);
    }
    if (objects.length === 0) {
      console.error(`schema-check: ${file}: no objects`);
      failed = true;
    } else if (problems.length > 0) {
      failed = true;
    } else {
      console.log(`schema-check: ${file}: ${objects.length} objects pass`);
    }
  }
  return failed ? 1 : 0;
}

/** Deliberate breaks of real rendered objects; each must produce a problem matching `expect`. */
const BREAKS = [
  {
    name: "a number written as a string (StatefulSet replicas: \"3\")",
    kind: "StatefulSet",
    apply: (o) => (o.spec.replicas = "3"),
    expect: /replicas must be integer/,
  },
  {
    name: "a misspelt container field (imagePullPolicyy)",
    kind: "StatefulSet",
    apply: (o) => (o.spec.template.spec.containers[0].imagePullPolicyy = "Always"),
    expect: /unknown field .*containers\[0\]\.imagePullPolicyy/,
  },
  {
    name: "a misspelt NetworkPolicy field (ingress[0].form)",
    kind: "NetworkPolicy",
    apply: (o) => {
      o.spec.ingress = [{ form: [{ podSelector: {} }] }];
    },
    expect: /unknown field \.spec\.ingress\[0\]\.form/,
  },
  {
    name: "a port of the wrong type (Service port: true)",
    kind: "Service",
    apply: (o) => (o.spec.ports[0].port = true),
    expect: /port must be integer/,
  },
  {
    name: "a ClusterSPIFFEID field in the wrong case (spiffeIdTemplate)",
    kind: "ClusterSPIFFEID",
    apply: (o) => {
      o.spec.spiffeIdTemplate = o.spec.spiffeIDTemplate;
      delete o.spec.spiffeIDTemplate;
    },
    expect: /unknown field \/spec\/spiffeIdTemplate/,
  },
  {
    name: "a ClusterSPIFFEID label value of the wrong type (1)",
    kind: "ClusterSPIFFEID",
    apply: (o) => (o.spec.podSelector.matchLabels["app.kubernetes.io/name"] = 1),
    expect: /must be string/,
  },
  {
    name: "a kind that does not exist (StatefullSet)",
    kind: "StatefulSet",
    apply: (o) => (o.kind = "StatefullSet"),
    expect: /no schema for apiVersion apps\/v1 kind StatefullSet/,
  },
  {
    name: "a writable root file system",
    kind: "Job",
    apply: (o) => (o.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false),
    expect: /readOnlyRootFilesystem must be true/,
  },
  {
    name: "no Workload API volume",
    kind: "Deployment|StatefulSet",
    apply: (o) => {
      o.spec.template.spec.volumes = o.spec.template.spec.volumes.filter((v) => !v.csi);
    },
    expect: /needs a read-only csi\.spiffe\.io volume/,
  },
];

async function selfTest(file) {
  const objects = load(file);
  let passed = 0;
  let failed = 0;
  const clean = await problemsOf(objects);
  if (clean.length > 0) {
    console.error(`self-test: ${file} must pass unbroken first:\n  ${clean.join("\n  ")}`);
    failed++;
  }
  for (const b of BREAKS) {
    const broken = structuredClone(objects);
    const target = broken.find((o) => new RegExp(`^(${b.kind})$`).test(o.kind));
    if (!target) {
      console.error(`self-test: FAIL ${b.name}: ${file} has no ${b.kind} to break`);
      failed++;
      continue;
    }
    b.apply(target);
    const problems = await problemsOf(broken);
    if (problems.some((p) => b.expect.test(p))) {
      console.log(`self-test: caught ${b.name}`);
      passed++;
    } else {
      console.error(`self-test: FAIL ${b.name} was not caught (problems: ${problems.join("; ") || "none"})`);
      failed++;
    }
  }
  console.log(`self-test: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
if (args[0] === "--objects" && args.length > 1) {
  for (const obj of args.slice(1).flatMap(load)) {
    const ns = obj.metadata?.namespace ? `${obj.metadata.namespace}/` : "";
    console.log(`${obj.kind}\t${ns}${obj.metadata?.name}`);
  }
} else if (args[0] === "--self-test" && args.length === 2) {
  process.exit(await selfTest(args[1]));
} else if (args.length > 0 && !args[0].startsWith("-")) {
  process.exit(await check(args));
} else {
  console.error("usage: node check.mjs FILE... | --self-test FILE | --objects FILE...");
  process.exit(2);
}
