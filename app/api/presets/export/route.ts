/**
 * GET /api/presets/export (anyone who may read presets): every user preset as a JSON file
 * download (see _lib/preset-file.ts for the format). Built-ins ship with every server and are
 * left out. The built-in receiver appears as its portable marker, so the file works elsewhere.
 */
import { services } from "../../_lib/http";
import { storeErrorResponse } from "../_lib/api-responses";
import { presetFile } from "../_lib/preset-file";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const s = services();
  if (!s.ok) return s.response;
  try {
    const now = new Date();
    const file = presetFile((await s.services.presets.list()).filter((p) => !p.builtIn), now);
    const stamp = now.toISOString().slice(0, 10);
    return new Response(`${JSON.stringify(file, null, 2)}\n`, {
      headers: {
        "content-type": "application/json; charset=utf-8",
        "content-disposition": `attachment; filename="tracetune-presets-${stamp}.json"`,
        "cache-control": "no-store",
      },
    });
  } catch (e) {
    return storeErrorResponse(e, "Exporting presets");
  }
}
