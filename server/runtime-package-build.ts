/**
 * Builds `tracetune/runtime` as plain JavaScript (dist/runtime/index.js, ESM, with a source map),
 * so that services without a TypeScript loader can import it: `node server.mjs` works, not only
 * `tsx server.ts`. One esbuild bundle of server/runtime-package.ts and what it imports from this
 * repository; every npm package stays an import (resolved from this package's node_modules).
 *
 * Runs at `npm install` (postinstall), as `npm run build:runtime`, and before the integration
 * tests (their global setup), so that what the tests run is what a service gets.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const RUNTIME_BUNDLE = path.join(root, "dist", "runtime", "index.js");

export async function buildRuntimePackage(): Promise<void> {
  await build({
    entryPoints: [path.join(root, "server", "runtime-package.ts")],
    outfile: RUNTIME_BUNDLE,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    logLevel: "warning",
    banner: { js: "// Built by server/runtime-package-build.ts from server/runtime-package.ts: edit the sources, not this file." },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildRuntimePackage();
  console.log(`[tracetune] built ${path.relative(root, RUNTIME_BUNDLE)}`);
}
