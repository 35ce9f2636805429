// Validates Kubernetes manifests offline: every document of every file given is built with kubernetes-models'
// class for its apiVersion and kind, and checked against that class's schema.
// Usage: node validate.mjs FILE...   Exit code 0 when all are valid, 1 when any is not, 2 on bad input.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs FILE...");
  process.exit(2);
}

async function modelFor(apiVersion, kind) {
  const module = `kubernetes-models/${apiVersion}`;
  const models = await import(module);
  if (!models[kind]) {
    throw new Error(`kubernetes-models has no ${kind} in ${apiVersion}`);
  }
  return models[kind];
}

let failures = 0;
let checked = 0;
for (const file of files) {
  const documents = parseAllDocuments(readFileSync(file, "utf8"));
  for (const document of documents) {
    if (document.errors.length > 0) {
      console.error(`${file}: not YAML: ${document.errors[0].message}`);
      failures++;
      continue;
    }
    const manifest = document.toJS();
    if (manifest === null) {
      continue;
    }
    const name = `${file}: ${manifest.kind} ${manifest.metadata?.name}`;
    try {
      const Model = await modelFor(manifest.apiVersion, manifest.kind);
      new Model(manifest).validate();
      checked++;
      console.log(`valid   ${name}`);
    } catch (error) {
      failures++;
      console.error(`INVALID ${name}: ${error.message}`);
    }
  }
}
console.log(`${checked} manifests valid, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
