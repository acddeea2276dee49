// Offline verification of an exported chain of custody: `npm run verify-evidence -w @yunxi/audit -- FILE
// [--public-key PEM_FILE]`. Needs no server, database or network. Exit code 0 verified, 1 not, 2 usage.
import { readFile } from "node:fs/promises";
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { verifyEvidenceBundle } from "./domain/evidence-bundle.js";

/** Runs the verifier on command-line arguments; returns the exit code and writes a report to `out`. */
export async function runVerifyEvidence(args: readonly string[], out: (line: string) => void): Promise<number> {
  const files: string[] = [];
  let keyFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--public-key") keyFile = args[++i];
    else if (arg.startsWith("-")) files.push("");
    else files.push(arg);
  }
  if (files.length !== 1 || !files[0] || (args.includes("--public-key") && !keyFile)) {
    out("usage: verify-evidence FILE [--public-key PEM_FILE]");
    return 2;
  }
  let bundle: unknown;
  try {
    bundle = JSON.parse(await readFile(files[0], "utf8"));
  } catch (error) {
    out(`cannot read ${files[0]} as JSON: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const trustedPublicKeyPem = keyFile ? await readFile(keyFile, "utf8") : undefined;
  const result = verifyEvidenceBundle(bundle, trustedPublicKeyPem ? { trustedPublicKeyPem } : {});
  if (result.ok) {
    out(`VERIFIED: ${result.entriesVerified} entries included in a checkpoint signed by key ${result.keyId}${trustedPublicKeyPem ? " (the trusted key given)" : " (key taken from the bundle: compare its id with one obtained independently)"}`);
    return 0;
  }
  out(`NOT VERIFIED (${result.problems.length} problems):`);
  for (const problem of result.problems) out(`  - ${problem}`);
  return 1;
}

const invoked = process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
if (invoked) {
  runVerifyEvidence(process.argv.slice(2), (line) => console.log(line)).then((code) => {
    process.exitCode = code;
  });
}
