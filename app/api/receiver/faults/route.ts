import { NextResponse } from "next/server";
import { getServices } from "@/server/services";
import { readJsonBody } from "@/server/http/read-json-body";
import { guardWrite } from "@/server/http/route-guard";

export const dynamic = "force-dynamic";

/** Fault drills: change the built-in receiver's error rate, latency or mode (validated). */
export async function PUT(request: Request) {
  const refused = guardWrite(request);
  if (refused) return refused;
  const body = await readJsonBody(request);
  if (!body.ok) return NextResponse.json({ error: body.error }, { status: body.status });
  const result = getServices().receiver.setFaults(body.value);
  if (!result.ok) return NextResponse.json(result, { status: 422 });
  return NextResponse.json({ faults: getServices().receiver.faults() });
}
