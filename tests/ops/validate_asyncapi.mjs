// Validates an AsyncAPI document with the official parser; prints every diagnostic and
// exits non-zero on any error. Usage: node validate_asyncapi.mjs <document.json>
import { readFileSync } from "node:fs";
import { Parser } from "@asyncapi/parser";

const SEVERITY = ["error", "warning", "information", "hint"];
const parser = new Parser();
const { document, diagnostics } = await parser.parse(readFileSync(process.argv[2], "utf8"));
for (const d of diagnostics) {
  console.log(`${SEVERITY[d.severity]} ${d.code} ${d.path.join(".")}: ${d.message}`);
}
const errors = diagnostics.filter((d) => d.severity === 0);
console.log(`${errors.length} errors, ${diagnostics.length - errors.length} other diagnostics`);
process.exit(document && errors.length === 0 ? 0 : 1);
