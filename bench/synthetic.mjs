// Builds a synthetic catalog of N entries, shaped like a whole cloud's error catalog: several messages
// per code, placeholders, every error status, a codeless entry per status where the KMS catalog has one.
import { readFileSync } from "node:fs";

const STATUSES = [
  [400, "Bad request", "client"], [401, "Unauthorized", "client"], [403, "Forbidden", "client"],
  [404, "Not found", "client"], [409, "Conflict", "client"], [413, "Request entity too large", "client"],
  [415, "Unsupported media type", "client"], [429, "Too many requests", "client"],
  [500, "Internal server error", "server"], [503, "Service unavailable", "server"],
];
const NOUNS = ["Key", "Alias", "Secret", "Instance", "Policy", "Certificate", "Vault", "Application", "Network", "Quota"];
const VERBS = ["Create", "Delete", "Update", "Describe", "Rotate", "Enable", "Disable", "Import", "Export", "Sign"];

const q = (s) => JSON.stringify(s);

/** YAML text of a valid catalog with `size` entries. */
export function syntheticCatalog(size) {
  const kms = readFileSync(new URL("../catalog/kms.yaml", import.meta.url), "utf8");
  // Keep the KMS service section; replace statuses and errors.
  // The docs.sync list names files beside catalog/kms.yaml; a synthetic catalog has none.
  const service = kms.slice(kms.indexOf("service:"), kms.indexOf("\nstatuses:")).replace(/\n  docs:\n(?: {4}.*\n?)*/, "\n");
  const lines = ["errcat: 1", "", service.replace("name: kms", "name: bench"), "", "statuses:"];
  for (const [status, title] of STATUSES) lines.push(`  - httpStatus: ${status}`, `    title: ${q(title)}`);
  lines.push("", "errors:");
  let number = 0;
  let codeIndex = 0;
  lines.push(
    `  - id: request-entity-too-large`, `    number: ${++number}`, `    httpStatus: 413`,
    `    meaning: The request body is too large.`, `    fix: Send less data.`, `    fault: client`, `    retryable: false`,
  );
  while (number < size) {
    const [status, , fault] = STATUSES[codeIndex % STATUSES.length];
    if (status === 413) { codeIndex++; continue; }
    const noun = NOUNS[codeIndex % NOUNS.length];
    const verb = VERBS[Math.floor(codeIndex / NOUNS.length) % VERBS.length];
    const code = `${noun}.${verb}Failed${codeIndex}`;
    const variants = 1 + (codeIndex % 3);
    for (let v = 0; v < variants && number < size; v++) {
      const id = `${noun.toLowerCase()}-${verb.toLowerCase()}-failed-${codeIndex}-v${v}`;
      lines.push(`  - id: ${id}`, `    number: ${++number}`, `    httpStatus: ${status}`, `    code: ${code}`);
      if (v === 0) {
        lines.push(`    message: ${q(`The ${noun} "<name>" could not be ${verb.toLowerCase()}d (case ${codeIndex}).`)}`,
          `    placeholders:`, `      - text: name`, `        name: resourceName`, `        description: The resource that the request named.`, `        example: example-${codeIndex}`);
      } else if (v === 1) {
        lines.push(`    message: ${q(`${verb} of ${noun} <resource id> in region <region> was rejected: <reason>.`)}`,
          `    placeholders:`,
          `      - text: resource id`, `        name: resourceId`, `        description: The resource.`, `        example: res-${codeIndex}`,
          `      - text: region`, `        name: region`, `        description: The region.`, `        example: cn-hangzhou`,
          `      - text: reason`, `        name: reason`, `        description: Why.`, `        example: quota exceeded`);
      } else {
        lines.push(`    message: ${q(`The ${noun} operation ${verb} is not allowed now.`)}`);
      }
      lines.push(`    meaning: ${q(`The ${verb} operation on the ${noun} failed.`)}`, `    fix: ${q(`Check the ${noun} and retry the ${verb} operation.`)}`,
        `    fault: ${fault}`, `    retryable: ${status >= 500}`);
    }
    codeIndex++;
  }
  return `${lines.join("\n")}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.stdout.write(syntheticCatalog(Number(process.argv[2] ?? 2500)));
}
