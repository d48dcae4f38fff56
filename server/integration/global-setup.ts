/**
 * Integration tests run `tracetune/runtime` as services get it: the built bundle
 * (dist/runtime/index.js). Build it from the current sources first, so a changed runtime is never
 * tested through a stale bundle.
 */
import { buildRuntimePackage } from "../runtime-package-build";

export default async function setup(): Promise<void> {
  await buildRuntimePackage();
}
